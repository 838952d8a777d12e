package dev.tack.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseHeadParserTest {
    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    @Test
    void parsesAHeadCutAnywhere() {
        for (List<String> cut : Pieces.cuts(HEAD)) {
            ResponseHeadParser parser = new ResponseHeadParser();
            List<ResponseHead> heads = new ArrayList<>();
            Pieces.feed(cut, buf -> {
                ResponseHead h = parser.parse(buf);
                if (h != null) {
                    heads.add(h);
                }
            });
            assertEquals(1, heads.size(), "cut " + cut);
            assertEquals(200, heads.get(0).status());
            assertEquals("text/event-stream", heads.get(0).header("content-type"));
            assertTrue(heads.get(0).chunked());
        }
    }

    @Test
    void leavesTheBodyUnread() {
        ByteBuf buf = Unpooled.copiedBuffer(HEAD + "5\r\nhello", StandardCharsets.US_ASCII);
        try {
            assertEquals(200, new ResponseHeadParser().parse(buf).status());
            assertEquals("5\r\nhello", buf.toString(StandardCharsets.US_ASCII));
        } finally {
            buf.release();
        }
    }

    @Test
    void returnsNullUntilTheBlankLine() {
        ByteBuf buf = Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nA: b\r\n", StandardCharsets.US_ASCII);
        try {
            assertNull(new ResponseHeadParser().parse(buf));
        } finally {
            buf.release();
        }
    }

    @Test
    void acceptsBareLfLineEnds() {
        ResponseHead head = parse("HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\n\n");
        assertEquals(101, head.status());
        assertEquals("websocket", head.header("Upgrade"));
    }

    @Test
    void skipsAnEmptyLineBeforeTheStatusLine() {
        assertEquals(204, parse("\r\nHTTP/1.1 204 No Content\r\n\r\n").status());
    }

    @Test
    void rejectsAStatusLineThatIsNotHttp() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> parse("SSH-2.0-OpenSSH\r\n\r\n"));
        assertEquals("status line: 'SSH-2.0-OpenSSH' (expected: HTTP/1.x <code> <reason>)", e.getMessage());
    }

    @Test
    void rejectsANonNumericStatus() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> parse("HTTP/1.1 OK\r\n\r\n"));
        assertEquals("status code: 'OK' (expected: 3 digits)", e.getMessage());
    }

    @Test
    void rejectsAHeaderWithoutColon() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> parse("HTTP/1.1 200 OK\r\nnonsense\r\n\r\n"));
        assertEquals("header line: 'nonsense' (expected: name: value)", e.getMessage());
    }

    @Test
    void rejectsAnEndlessHead() {
        String longHeader = "X: " + "a".repeat(ResponseHeadParser.MAX_HEAD_BYTES) + "\r\n";
        assertThrows(WireFormatException.class, () -> parse("HTTP/1.1 200 OK\r\n" + longHeader + "\r\n"));
    }

    @Test
    void keepAliveFollowsConnectionHeaderAndVersion() {
        assertTrue(parse("HTTP/1.1 200 OK\r\n\r\n").keepAlive());
        assertFalse(parse("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n").keepAlive());
        assertFalse(parse("HTTP/1.0 200 OK\r\n\r\n").keepAlive());
        assertTrue(parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n").keepAlive());
    }

    @Test
    void rejectsANegativeContentLength() {
        ResponseHead head = parse("HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n");
        WireFormatException e = assertThrows(WireFormatException.class, head::contentLength);
        assertEquals("Content-Length: -3 (expected: a non-negative integer)", e.getMessage());
    }

    private static ResponseHead parse(String text) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
        try {
            return new ResponseHeadParser().parse(buf);
        } finally {
            buf.release();
        }
    }
}
