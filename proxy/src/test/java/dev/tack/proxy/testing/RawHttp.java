package dev.tack.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests {@code java.net.http} will not send (its own {@code Host},
 * hop-by-hop headers) and for reading a response head exactly as it came.
 */
public final class RawHttp {

    /** A response: its head as received (status line and header lines) and its decoded body. */
    public record Response(String head, String body) {
        public int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} (lines ending in CRLF, head and body) to loopback {@code port} and reads one response. */
    public static Response exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            String head = RawOrigin.readHead(in);
            if (head == null) {
                throw new IOException("connection closed before a response");
            }
            String lower = head.toLowerCase(Locale.ROOT);
            byte[] body;
            if (lower.contains("transfer-encoding: chunked")) {
                body = chunked(in);
            } else if (lower.contains("content-length:")) {
                body = in.readNBytes(RawOrigin.contentLength(head));
            } else {
                body = in.readAllBytes();
            }
            return new Response(head, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                line(in);
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
