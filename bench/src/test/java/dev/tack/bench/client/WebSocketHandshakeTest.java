package dev.tack.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebSocketHandshakeTest {
    @Test
    void acceptMatchesTheRfcExample() {
        // RFC 6455 §1.3
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void keysAreSixteenRandomBytes() {
        assertEquals(16, Base64.getDecoder().decode(WebSocketHandshake.newKey()).length);
    }

    @Test
    void requestAsksForAnUpgrade() {
        String req = WebSocketHandshake.request("/ws/c", "127.0.0.1:7999", "k==");
        assertTrue(req.startsWith("GET /ws/c HTTP/1.1\r\nHost: 127.0.0.1:7999\r\n"));
        assertTrue(req.contains("Upgrade: websocket\r\n"));
        assertTrue(req.contains("Sec-WebSocket-Key: k==\r\n"));
        assertTrue(req.endsWith("\r\n\r\n"));
    }

    @Test
    void clientFramesAreMaskedAndUnmaskBackToThePayload() {
        byte[] payload = "pong!".getBytes(StandardCharsets.US_ASCII);
        ByteBuf frame = WebSocketHandshake.maskedFrame(ByteBufAllocator.DEFAULT, WebSocketFrameParser.OP_PONG,
                payload, payload.length);
        try {
            assertEquals(0x8A, frame.getUnsignedByte(0));
            assertEquals(0x80 | payload.length, frame.getUnsignedByte(1));
            byte[] mask = new byte[4];
            frame.getBytes(2, mask);
            byte[] unmasked = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                unmasked[i] = (byte) (frame.getByte(6 + i) ^ mask[i % 4]);
            }
            assertEquals("pong!", new String(unmasked, StandardCharsets.US_ASCII));
        } finally {
            frame.release();
        }
    }
}
