package dev.tack.proxy.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.RawConnection;
import dev.tack.proxy.testing.RawWebSocket;
import dev.tack.proxy.testing.TackFixture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol errors are answered by the protocol (docs/reliability.md "Protocol errors"): a WebSocket gets the close
 * code of its mistake before the connection ends, a broken chunked body gets 400, an HTTP/2 preface gets HTTP/2's
 * own refusal and never reaches the origin.
 */
class ProtocolErrorsTest {

    private OriginServer origin;
    private TackFixture tack;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        origin.on("/x", r -> Reply.of(200, "ok"));
        tack = TackFixture.start(List.of("*,path_beg=/ws test", "* 127.0.0.1:" + origin.port()));
    }

    @AfterEach
    void stop() {
        tack.close();
        origin.close();
    }

    /** Sends {@code frame} on a fresh WebSocket and returns the close frame Tack answers with. */
    private RawWebSocket.Frame closeAfter(byte[] frame) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(tack.clientPort(), "/ws", null)) {
            assertTrue(ws.handshakeAnswer().startsWith("HTTP/1.1 101"), ws.handshakeAnswer());
            ws.write(frame);
            return ws.readUntilClose();
        }
    }

    private static byte[] unmasked(int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        out.write(payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    @Test
    void anUnmaskedFrameGets1002() throws Exception {
        RawWebSocket.Frame close = closeAfter(unmasked(0x1, "hi".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(1002, close.closeCode());
        assertTrue(close.text().contains("not masked"), close.text());
    }

    @Test
    void aReservedOpcodeGets1002() throws Exception {
        assertEquals(1002, closeAfter(RawWebSocket.frame(0x3, false, new byte[] {1})).closeCode());
    }

    @Test
    void anOversizedFrameGets1009() throws Exception {
        // Only the head of a 2,000,000-byte frame: the limit is 1,000,000.
        byte[] head = {(byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 0x1e, (byte) 0x84, (byte) 0x80, 1, 2, 3, 4};
        assertEquals(1009, closeAfter(head).closeCode());
    }

    @Test
    void aCloseFrameWithABadCodeGets1002() throws Exception {
        assertEquals(1002, closeAfter(RawWebSocket.frame(0x8, false, new byte[] {0x03, (byte) 0xe7})).closeCode());
        assertEquals(1002, closeAfter(RawWebSocket.frame(0x8, false, new byte[] {0x03, (byte) 0xed})).closeCode());
    }

    @Test
    void invalidUtf8TextGets1007() throws Exception {
        assertEquals(1007, closeAfter(RawWebSocket.frame(0x1, false, new byte[] {(byte) 0xff, (byte) 0xfe}))
                .closeCode());
    }

    @Test
    void aMalformedChunkedBodyGets400AndNothingReachesTheOrigin() throws Exception {
        try (RawConnection client = RawConnection.connect(tack.clientPort())) {
            client.send("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
            String answer = client.readToEnd();
            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
            assertTrue(answer.contains("Bad request: malformed request body (Invalid character in chunk size)."), answer);
        }
        assertTrue(origin.received().stream().noneMatch(r -> r.bodyText().contains("hello")));
    }

    @Test
    void anHttp2PrefaceGetsSettingsAndGoawayAndIsNeverForwarded() throws Exception {
        byte[] answer;
        try (RawConnection client = RawConnection.connect(tack.clientPort())) {
            client.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            answer = client.readBytesToEnd();
        }
        // SETTINGS (empty), then GOAWAY on stream 0 with HTTP_1_1_REQUIRED (0xd).
        assertArrayEquals(new byte[] {0, 0, 0, 0x4, 0, 0, 0, 0, 0}, Arrays.copyOfRange(answer, 0, 9));
        assertEquals(0x7, answer[12]);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0xd}, Arrays.copyOfRange(answer, 18, 26));
        assertTrue(new String(answer, 26, answer.length - 26, StandardCharsets.US_ASCII).contains("HTTP/1.1"));
        assertEquals(List.of(), origin.received(), "the origin never sees the preface");
    }

    @Test
    void anotherHttpVersionGets505() throws Exception {
        try (RawConnection client = RawConnection.connect(tack.clientPort())) {
            client.send("GET /x HTTP/2.0\r\nHost: a\r\n\r\n");
            String answer = client.readToEnd();
            assertTrue(answer.startsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n"), answer);
            assertTrue(answer.contains("HTTP/2.0 (expected: HTTP/1.0 or HTTP/1.1)"), answer);
        }
        assertEquals(List.of(), origin.received());
    }
}
