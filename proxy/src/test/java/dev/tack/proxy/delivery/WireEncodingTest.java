package dev.tack.proxy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireEncodingTest {

    private final UnpooledByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;

    private static String text(ByteBuf buf) {
        try {
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
        }
    }

    private static String hex(ByteBuf buf, int length) {
        try {
            return ByteBufUtil.hexDump(buf, 0, length);
        } finally {
            buf.release();
        }
    }

    @Test
    void chunkCarriesHexLengthAndCrlfs() {
        assertEquals("1a\r\nabcdefghijklmnopqrstuvwxyz\r\n",
                text(WireEncoding.httpChunk(alloc, "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void emptyContentIsNoChunkBecauseThatWouldEndTheStream() {
        assertNull(WireEncoding.httpChunk(alloc, new byte[0]));
    }

    @Test
    void shortTextFrameHasOneLengthByte() {
        assertEquals("81026869", hex(WireEncoding.webSocketFrame(alloc, WireEncoding.OPCODE_TEXT,
                "hi".getBytes(StandardCharsets.US_ASCII)), 4));
    }

    @Test
    void frameOf126BytesUsesTheTwoByteLength() {
        assertEquals("827e007e", hex(WireEncoding.webSocketFrame(alloc, WireEncoding.OPCODE_BINARY, new byte[126]), 4));
    }

    @Test
    void frameOver65535BytesUsesTheEightByteLength() {
        assertEquals("817f0000000000010000", hex(WireEncoding.webSocketFrame(alloc, WireEncoding.OPCODE_TEXT,
                new byte[65536]), 10));
    }

    @Test
    void closePayloadIsBigEndianCodeThenReason() {
        byte[] payload = WireEncoding.closePayload(4001, "bye");
        assertEquals("0fa1627965", ByteBufUtil.hexDump(payload));
        assertEquals(0, WireEncoding.closePayload(null, "ignored").length);
    }
}
