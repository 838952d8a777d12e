package dev.tack.proxy.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds of the WebSocket-over-HTTP queue: one test per rule. */
class WsOverHttpQueueTest {

    @Test
    void anEventCountsItsEncodedSizeAndItsHolder() {
        assertEquals("TEXT 5\r\nhello\r\n".length() + WsOverHttpQueue.EVENT_COST, WsOverHttpQueue.cost(WsEvent.text("hello")));
        assertEquals("OPEN\r\n".length() + WsOverHttpQueue.EVENT_COST, WsOverHttpQueue.cost(WsEvent.open()));
        assertEquals(WsEventCodec.encode(List.of(WsEvent.text(""))).length + WsOverHttpQueue.EVENT_COST,
                WsOverHttpQueue.cost(WsEvent.text("")));
    }

    @Test
    void emptyFramesFillTheQueueToo() {
        WsOverHttpQueue queue = new WsOverHttpQueue();
        int added = 0;
        while (!queue.full()) {
            assertTrue(queue.add(WsEvent.text("")));
            added++;
        }
        assertTrue(added < 3_000, added + " empty messages before the client is asked to wait");
    }

    @Test
    void pastTheHardLimitEventsAreRefused() {
        WsOverHttpQueue queue = new WsOverHttpQueue();
        while (queue.add(WsEvent.text(""))) {
            assertTrue(queue.bytes() <= WsOverHttpQueue.MAX_BYTES);
        }
        assertTrue(queue.bytes() > WsOverHttpQueue.MAX_BYTES - WsOverHttpQueue.cost(WsEvent.text("")));
    }

    @Test
    void oneRequestTakesAtMostTheBufferSizeAndAtLeastOneEvent() {
        WsOverHttpQueue queue = new WsOverHttpQueue();
        for (int i = 0; i < 5_000; i++) {
            assertTrue(queue.add(WsEvent.text("x".repeat(50))));
        }
        List<WsEvent> batch = queue.take(false);
        assertTrue(batch.stream().mapToInt(WsOverHttpQueue::cost).sum() <= WsOverHttpQueue.BUFFER_SIZE);
        assertEquals(5_000 - batch.size(), queue.size());

        WsOverHttpQueue big = new WsOverHttpQueue();
        big.add(WsEvent.text("y".repeat(500_000)));
        assertEquals(1, big.take(false).size());
        assertTrue(big.isEmpty());
        assertTrue(big.drained());
    }

    @Test
    void openGoesAloneAndOneEventTargetsGetOneEventPerRequest() {
        WsOverHttpQueue queue = new WsOverHttpQueue();
        queue.add(WsEvent.text("a"));
        queue.addFirst(WsEvent.open());
        assertEquals(List.of(WsEvent.open()), queue.take(false));
        queue.add(WsEvent.text("b"));
        assertEquals(List.of(WsEvent.text("a")), queue.take(true));
        assertFalse(queue.isEmpty());
    }
}
