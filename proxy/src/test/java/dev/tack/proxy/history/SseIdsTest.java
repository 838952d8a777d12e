package dev.tack.proxy.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.StreamPosition;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code history_sse_ids}: which events get Tack's id, and how. */
class SseIdsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anIdFieldIsAnyLineNamedId() {
        assertTrue(SseIds.hasId(bytes("id: 7\ndata: x\n\n")));
        assertTrue(SseIds.hasId(bytes("data: x\nid:7\n\n")));
        assertTrue(SseIds.hasId(bytes("data: x\r\nid\r\n\r\n")));
        assertFalse(SseIds.hasId(bytes("data: id: 7\n\n")));
        assertFalse(SseIds.hasId(bytes("identity: 7\n\n")));
        assertFalse(SseIds.hasId(bytes(":id\n\n")));
    }

    @Test
    void onlyWholeEventsAreTouched() {
        assertTrue(SseIds.completeEvents(bytes("data: x\n\n")));
        assertTrue(SseIds.completeEvents(bytes("data: x\r\n\r\n")));
        assertTrue(SseIds.completeEvents(bytes("data: x\r\r")));
        assertFalse(SseIds.completeEvents(bytes("data: x\n")));
        assertFalse(SseIds.completeEvents(bytes("x")));
    }

    @Test
    void theIdGoesFirstAndTheRestIsKept() {
        PublishItem item = PublishItem.of("news", HttpStreamFormat.of("data: x\n\n")).withId("7")
                .withMeta(Map.of("sender", "a"));
        PreparedItem prepared = PreparedItem.prepare(item, UnpooledByteBufAllocator.DEFAULT,
                new StreamPosition("ab", 7));
        PreparedItem withId = SseIds.inject(prepared, () -> "news:t1.ab.7", UnpooledByteBufAllocator.DEFAULT);
        try {
            assertEquals("id: news:t1.ab.7\ndata: x\n\n",
                    new String(withId.httpStream().content(), StandardCharsets.UTF_8));
            assertEquals("7", withId.item().id());
            assertEquals(Map.of("sender", "a"), withId.item().meta());
            assertEquals(new StreamPosition("ab", 7), withId.position());
        } finally {
            withId.release();
            prepared.release();
        }
    }

    @Test
    void eventsWithIdsPartsOrContentFiltersAreLeftAlone() {
        for (HttpStreamFormat format : List.of(HttpStreamFormat.of("id: 1\ndata: x\n\n"), HttpStreamFormat.of("data: x"),
                HttpStreamFormat.of("data: %I\n\n").withContentFilters(List.of("build-id")), HttpStreamFormat.close())) {
            PreparedItem prepared = PreparedItem.prepare(PublishItem.of("news", format),
                    UnpooledByteBufAllocator.DEFAULT);
            assertSame(prepared, SseIds.inject(prepared, () -> "x", UnpooledByteBufAllocator.DEFAULT));
            prepared.release();
        }
    }
}
