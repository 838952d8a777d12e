package dev.tack.proxy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageFormat;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class PreparedItemTest {

    private static String frameHex(WsMessageFormat format) {
        PreparedItem prepared = PreparedItem.prepare(PublishItem.of("c", format), UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.hexDump(prepared.wsFrame());
        } finally {
            prepared.release();
        }
    }

    @Test
    void closeWithoutCodeReachesTheClientAs1000() {
        // pushpin-publish --close publishes {"action":"close"}: FIN + close opcode, 2 payload bytes, 0x03e8 = 1000
        assertEquals("880203e8", frameHex(WsMessageFormat.close(null, null)));
    }

    @Test
    void closeWithCodeAndReasonKeepsThem() {
        assertEquals("88050fa1627965", frameHex(WsMessageFormat.close(4001, "bye")));
    }
}
