package dev.tack.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {
    private static final ResponseHead CHUNKED = head(new Header("Transfer-Encoding", "chunked"));

    @Test
    void decodesChunksCutAnywhere() {
        String wire = "6\r\ndata: \r\n19;ext=1\r\nB 0 1767225600123456 xx\n\n\r\n0\r\nTrailer: x\r\n\r\nNEXT";
        for (List<String> cut : Pieces.cuts(wire)) {
            BodyDecoder body = BodyDecoder.forHead(CHUNKED);
            StringBuilder content = new StringBuilder();
            StringBuilder rest = new StringBuilder();
            Pieces.feed(cut, buf -> {
                if (!body.done()) {
                    body.decode(buf, (b, i, n) -> content.append(b.toString(i, n, StandardCharsets.US_ASCII)));
                }
                rest.append(buf.toString(StandardCharsets.US_ASCII));
            });
            assertTrue(body.done(), "cut " + cut);
            assertEquals("data: B 0 1767225600123456 xx\n\n", content.toString(), "cut " + cut);
            assertEquals("NEXT", rest.toString(), "cut " + cut);
        }
    }

    @Test
    void acceptsChunksEndingInBareLf() {
        assertEquals("abc", decodeAll(CHUNKED, "3\nabc\n0\n\n"));
    }

    @Test
    void stopsAtContentLength() {
        ResponseHead head = head(new Header("Content-Length", "5"));
        ByteBuf buf = Unpooled.copiedBuffer("helloHTTP/1.1", StandardCharsets.US_ASCII);
        try {
            StringBuilder content = new StringBuilder();
            assertTrue(BodyDecoder.forHead(head).decode(buf, (b, i, n) -> content.append(b.toString(i, n,
                    StandardCharsets.US_ASCII))));
            assertEquals("hello", content.toString());
            assertEquals("HTTP/1.1", buf.toString(StandardCharsets.US_ASCII));
        } finally {
            buf.release();
        }
    }

    @Test
    void emptyContentLengthBodyIsDoneAtOnce() {
        assertTrue(BodyDecoder.forHead(head(new Header("Content-Length", "0"))).done());
    }

    @Test
    void switchingProtocolsHasNoBody() {
        assertTrue(BodyDecoder.forHead(new ResponseHead("HTTP/1.1", 101, "Switching Protocols", List.of())).done());
    }

    @Test
    void bodyWithoutLengthEndsWithTheConnection() {
        BodyDecoder body = BodyDecoder.forHead(head());
        ByteBuf buf = Unpooled.copiedBuffer("all of it", StandardCharsets.US_ASCII);
        try {
            assertFalse(body.decode(buf, (b, i, n) -> { }));
        } finally {
            buf.release();
        }
        body.endOfInput();
        assertTrue(body.done());
    }

    @Test
    void closeInsideAChunkedBodyIsAnError() {
        BodyDecoder body = BodyDecoder.forHead(CHUNKED);
        WireFormatException e = assertThrows(WireFormatException.class, body::endOfInput);
        assertEquals("connection closed inside a chunked body (expected: the rest of the body)", e.getMessage());
    }

    @Test
    void rejectsANonHexChunkSize() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> decodeAll(CHUNKED, "zz\r\n"));
        assertEquals("byte 0x7a in a chunk-size line (expected: hex digits)", e.getMessage());
    }

    @Test
    void rejectsAnEmptyChunkSize() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> decodeAll(CHUNKED, "\r\n"));
        assertEquals("empty chunk-size line (expected: hex digits)", e.getMessage());
    }

    @Test
    void rejectsChunkDataThatOverrunsItsSize() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> decodeAll(CHUNKED, "2\r\nabc\r\n"));
        assertEquals("byte 0x63 after chunk data (expected: CRLF)", e.getMessage());
    }

    private static String decodeAll(ResponseHead head, String wire) {
        BodyDecoder body = BodyDecoder.forHead(head);
        ByteBuf buf = Unpooled.copiedBuffer(wire, StandardCharsets.US_ASCII);
        try {
            StringBuilder content = new StringBuilder();
            body.decode(buf, (b, i, n) -> content.append(b.toString(i, n, StandardCharsets.US_ASCII)));
            return content.toString();
        } finally {
            buf.release();
        }
    }

    private static ResponseHead head(Header... headers) {
        return new ResponseHead("HTTP/1.1", 200, "OK", List.of(headers));
    }
}
