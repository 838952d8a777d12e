package dev.tack.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of the RFC 6455 opening handshake and the masked frames a client sends back (pong, close).
 *
 * <pre>
 * GET /ws/bench-0 HTTP/1.1
 * Host: 127.0.0.1:7999
 * Upgrade: websocket
 * Connection: Upgrade
 * Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
 * Sec-WebSocket-Version: 13
 * </pre>
 *
 * answered by {@code 101} with {@code Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}.
 */
final class WebSocketHandshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketHandshake() {
    }

    /** A fresh random {@code Sec-WebSocket-Key}. */
    static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The {@code Sec-WebSocket-Accept} a server must answer to {@code key} (RFC 6455 §4.2.2). */
    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** The upgrade request text for {@code path} on {@code hostHeader}. */
    static String request(String path, String hostHeader, String key) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
    }

    /**
     * A complete, masked, final client frame (payloads up to 125 bytes: pong and close only).
     *
     * @return a new buffer owned by the caller (normally passed straight to {@code writeAndFlush})
     */
    static ByteBuf maskedFrame(ByteBufAllocator alloc, int opcode, byte[] payload, int length) {
        if (length > 125) {
            throw new IllegalArgumentException("control payload: " + length + " bytes (expected: at most 125)");
        }
        ByteBuf out = alloc.buffer(6 + length);
        out.writeByte(0x80 | opcode);
        out.writeByte(0x80 | length);
        int mask = ThreadLocalRandom.current().nextInt();
        out.writeInt(mask);
        for (int i = 0; i < length; i++) {
            int maskByte = (mask >>> (8 * (3 - (i & 3)))) & 0xff;
            out.writeByte(payload[i] ^ maskByte);
        }
        return out;
    }
}
