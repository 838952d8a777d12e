package dev.tack.bench.http;

import dev.tack.api.Header;
import java.util.List;

/**
 * The status line and headers of one HTTP response, as received.
 *
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: text/event-stream
 * Transfer-Encoding: chunked
 * </pre>
 */
public record ResponseHead(String version, int status, String reason, List<Header> headers) {
    public ResponseHead {
        headers = List.copyOf(headers);
    }

    /** The first value of header {@code name} (case-insensitive), or {@code null}. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Whether the body is sent with {@code Transfer-Encoding: chunked}. */
    public boolean chunked() {
        String te = header("Transfer-Encoding");
        return te != null && te.toLowerCase().contains("chunked");
    }

    /**
     * The {@code Content-Length}, or -1 when absent.
     *
     * @throws WireFormatException when the value is not a non-negative integer
     */
    public long contentLength() {
        String cl = header("Content-Length");
        if (cl == null) {
            return -1;
        }
        try {
            long n = Long.parseLong(cl.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new WireFormatException("Content-Length: " + cl + " (expected: a non-negative integer)");
    }

    /** Whether the connection stays open after this response (HTTP/1.1 unless {@code Connection: close}). */
    public boolean keepAlive() {
        String c = header("Connection");
        if (c != null && c.toLowerCase().contains("close")) {
            return false;
        }
        if ("HTTP/1.0".equals(version)) {
            return c != null && c.toLowerCase().contains("keep-alive");
        }
        return true;
    }
}
