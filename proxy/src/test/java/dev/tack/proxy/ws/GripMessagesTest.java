package dev.tack.proxy.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.ws.WsEvent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The GRIP extension's message rules, one test each. */
class GripMessagesTest {

    private static String text(WebSocketFrame frame) {
        try {
            return frame.content().toString(StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }

    @Test
    void withoutGripEveryMessagePassesAsItIs() {
        assertEquals("c:{}", text(GripMessages.forClient(null, WsEvent.text("c:{}"))));
        assertNull(GripMessages.control(null, WsEvent.text("c:{}")));
    }

    @Test
    void withGripThePrefixIsRemovedAndUnprefixedMessagesAreDropped() {
        assertEquals("héllo", text(GripMessages.forClient("m:", WsEvent.text("m:héllo"))));
        assertNull(GripMessages.forClient("m:", WsEvent.text("hello")));
        assertEquals("x", text(GripMessages.forClient("", WsEvent.text("x"))));
        WebSocketFrame binary = GripMessages.forClient("m:", WsEvent.binary(new byte[] {'m', ':', 7}));
        assertTrue(binary instanceof BinaryWebSocketFrame);
        assertEquals(1, binary.content().readableBytes());
        binary.release();
    }

    @Test
    void controlMessagesAreTextStartingWithC() {
        assertEquals("{\"type\":\"detach\"}", GripMessages.control("m:", WsEvent.text("c:{\"type\":\"detach\"}")));
        assertNull(GripMessages.control("m:", WsEvent.binary("c:{}".getBytes(StandardCharsets.UTF_8))));
        assertNull(GripMessages.control("m:", WsEvent.text("m:c:")));
    }
}
