package dev.tack.bench.http;

import dev.tack.api.Header;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one HTTP/1.1 response head (status line and headers up to the blank line) from input that may
 * arrive in any number of pieces. Lines may end in CRLF or a bare LF.
 *
 * <pre>
 * HTTP/1.1 101 Switching Protocols\r\n
 * Upgrade: websocket\r\n
 * Connection: Upgrade\r\n
 * Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n
 * \r\n
 * </pre>
 *
 * <p>Not thread-safe; one per connection, reused for each response with {@link #reset()}.
 */
public final class ResponseHeadParser {
    /** The longest head accepted; longer input is an error rather than unbounded buffering. */
    public static final int MAX_HEAD_BYTES = 16 * 1024;

    private byte[] buf = new byte[256];
    private int len;

    /**
     * Consumes bytes of {@code in} up to and including the blank line that ends the head. Bytes after it
     * (the body) stay readable in {@code in}.
     *
     * @param in the received bytes; owned by the caller, only its reader index moves
     * @return the head, or {@code null} when {@code in} ended first (call again with the next bytes)
     * @throws WireFormatException when the head is malformed or longer than {@link #MAX_HEAD_BYTES}
     */
    public ResponseHead parse(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.readByte();
            if (len == buf.length) {
                if (len >= MAX_HEAD_BYTES) {
                    throw new WireFormatException("response head longer than " + MAX_HEAD_BYTES
                            + " bytes (expected: a blank line ending the headers)");
                }
                buf = Arrays.copyOf(buf, Math.min(len * 2, MAX_HEAD_BYTES));
            }
            buf[len++] = b;
            if (b == '\n' && endsWithBlankLine()) {
                ResponseHead head = decode(new String(buf, 0, len, StandardCharsets.ISO_8859_1));
                reset();
                return head;
            }
        }
        return null;
    }

    /** Forgets any partial head. */
    public void reset() {
        len = 0;
        if (buf.length > 1024) {
            buf = new byte[256];
        }
    }

    private boolean endsWithBlankLine() {
        // "\n\n" or "\n\r\n" at the end; a lone "\r\n" at the very start is a stray empty line, which
        // RFC 9112 §2.2 says to ignore before the status line.
        if (len >= 2 && buf[len - 2] == '\n') {
            return true;
        }
        if (len >= 3 && buf[len - 2] == '\r' && buf[len - 3] == '\n') {
            return true;
        }
        if (len <= 2) {
            len = 0;
        }
        return false;
    }

    private static ResponseHead decode(String text) {
        String[] lines = text.split("\r?\n");
        String status = lines[0];
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new WireFormatException("status line: '" + status + "' (expected: HTTP/1.x <code> <reason>)");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (code < 100 || code > 999) {
            throw new WireFormatException("status code: '" + parts[1] + "' (expected: 3 digits)");
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new WireFormatException("header line: '" + line + "' (expected: name: value)");
            }
            headers.add(new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return new ResponseHead(parts[0], code, parts.length == 3 ? parts[2] : "", headers);
    }
}
