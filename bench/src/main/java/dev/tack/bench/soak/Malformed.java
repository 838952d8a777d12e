package dev.tack.bench.soak;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Malformed input, generated deterministically from an index: publish requests (truncated, mutated and deep JSON,
 * invalid UTF-8, bad base64, unknown actions, oversized or missing lengths, CR/LF in headers) and client requests
 * (garbage request lines, bare CR/LF in headers, oversized heads, broken chunked bodies, an HTTP/2 preface, WebSocket
 * frames that break RFC 6455).
 */
final class Malformed {

    private static final String VALID = "{\"items\":[{\"channel\":\"soak\",\"formats\":{\"http-stream\":"
            + "{\"content\":\"x\\n\"}}}]}";
    static final int PUBLISH_KINDS = 13;
    static final int CLIENT_KINDS = 16;

    private Malformed() {
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A publish request with {@code body} and a matching Content-Length. */
    private static byte[] post(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("POST /publish/ HTTP/1.1\r\nHost: soak\r\nContent-Length: " + body.length + "\r\n\r\n"));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The {@code index}th malformed publish request. */
    static byte[] publish(int index) {
        Random random = new Random(index);
        return switch (index % PUBLISH_KINDS) {
            case 0 -> post(ascii(VALID.substring(0, random.nextInt(VALID.length()))));
            case 1 -> post(ascii(mutate(VALID, random)));
            case 2 -> post(concat(ascii("{\"items\":[{\"channel\":\"soak\",\"formats\":{\"http-stream\":{\"content\":\""),
                    new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff}, ascii("\"}}}]}")));
            case 3 -> post(ascii("{\"items\":" + "[".repeat(2000 + random.nextInt(8000)) + "]}"));
            case 4 -> ascii("POST /publish/ HTTP/1.1\r\nHost: soak\r\nContent-Length: 2000000\r\n\r\n{\"items\":[");
            case 5 -> post(ascii("{\"items\":[{\"channel\":\"soak\",\"formats\":{\"ws-message\":{\"content-bin\":"
                    + "\"not base64!\"}}}]}"));
            case 6 -> post(ascii("{\"items\":[{\"channel\":\"soak\",\"formats\":{\"http-stream\":{\"action\":\"boom\""
                    + "}}}]}"));
            case 7 -> post(ascii("{\"items\":[{\"channel\":" + random.nextInt() + ",\"formats\":{}}]}"));
            case 8 -> post(new byte[0]);
            case 9 -> ascii("POST /publish/ HTTP/1.1\r\nHost: soak\r\nX-A: b\rX-B: c\r\nContent-Length: 2\r\n\r\n{}");
            case 10 -> ascii("POST /publish/ HTTP/1.1\r\nHost: soak\r\n\r\n" + VALID);
            case 11 -> ascii("POST /publish/ HTTP/1.1\r\nHost: soak\r\nX-Big: " + "y".repeat(12_000)
                    + "\r\nContent-Length: 2\r\n\r\n{}");
            default -> ascii("POST /publish/ HTTP/1.1\r\nHost: soak\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n");
        };
    }

    /** The {@code index}th malformed client request (HTTP or WebSocket). */
    static byte[] client(int index) {
        Random random = new Random(index);
        String get = "GET /stream?channel=x HTTP/1.1\r\nHost: soak\r\n\r\n";
        return switch (index % CLIENT_KINDS) {
            case 0 -> concat(new byte[] {1, 2, (byte) 0xff}, ascii(" / HTTP/1.1\r\nHost: soak\r\n\r\n"));
            case 1 -> ascii("GET / HTTP/1.1\r\nHost: soak\r\nX-A: b\rc: d\r\n\r\n");
            case 2 -> ascii("GET / HTTP/1.1\r\nHost: soak\r\nX-Big: " + "z".repeat(9000) + "\r\n\r\n");
            case 3 -> ascii("POST / HTTP/1.1\r\nHost: soak\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
            case 4 -> ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            case 5 -> ascii("GET / HTTP/3.0\r\nHost: soak\r\n\r\n");
            case 6 -> ascii("POST / HTTP/1.1\r\nHost: soak\r\nContent-Length: " + (random.nextBoolean() ? "-1" : "abc")
                    + "\r\n\r\n");
            case 7 -> ascii("POST / HTTP/1.1\r\nHost: soak\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\n");
            case 8 -> ws(new byte[] {(byte) 0x81, 0x02, 'h', 'i'});
            case 9 -> ws(masked(0x3, new byte[] {1}));
            case 10 -> ws(new byte[] {(byte) 0x82, (byte) 0xff, 0, 0, 0, 0, 0x7f, 0, 0, 0, 1, 2, 3, 4});
            case 11 -> ws(masked(0x1, new byte[] {(byte) 0xff, (byte) 0xfe}));
            case 12 -> ws(masked(0x8, new byte[] {0x03, (byte) 0xe7}));
            case 13 -> ascii(get.substring(0, 1 + random.nextInt(get.length() - 2)));
            case 14 -> ascii("GET /" + "a".repeat(5000 + random.nextInt(5000)) + " HTTP/1.1\r\nHost: soak\r\n\r\n");
            default -> ascii(mutate(get, random));
        };
    }

    /** Whether the client says it is done sending after the {@code index}th client request (not a WebSocket). */
    static boolean clientHalfCloses(int index) {
        int kind = index % CLIENT_KINDS;
        return kind < 8 || kind > 12;
    }

    /** A WebSocket upgrade to the test route followed by {@code frame}. */
    private static byte[] ws(byte[] frame) {
        return concat(ascii("GET /?channel=x HTTP/1.1\r\nHost: soak\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"), frame);
    }

    private static byte[] masked(int opcode, byte[] payload) {
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        frame[2] = 1;
        frame[3] = 2;
        frame[4] = 3;
        frame[5] = 4;
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ frame[2 + (i & 3)]);
        }
        return frame;
    }

    /** {@code text} with up to three characters replaced by random bytes. */
    private static String mutate(String text, Random random) {
        char[] chars = text.toCharArray();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            chars[random.nextInt(chars.length)] = (char) random.nextInt(256);
        }
        return new String(chars);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
