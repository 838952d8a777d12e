package dev.tack.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.grip.GripLast;
import dev.tack.proxy.filter.HttpFilterClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The channels of one hold: one channel is kept without a map, more in subscription order; the change between the
 * two keeps every channel's state.
 */
class HoldChannelsTest {

    private final HoldChannels channels = new HoldChannels(HttpFilterClient.UNAVAILABLE, "http://example.com/x");

    @Test
    void oneChannelThenMoreKeepTheirOrderAndState() {
        channels.put("p-a", "a", "1", List.of());
        assertEquals(List.of("p-a"), List.copyOf(channels.names()));
        assertEquals("1", channels.prevId("p-a"));
        assertNull(channels.prevId("p-b"));

        channels.put("p-b", "b", "7", List.of());
        channels.put("p-c", "c", null, List.of());
        assertEquals(List.of("p-a", "p-b", "p-c"), List.copyOf(channels.names()));
        assertEquals(3, channels.size());
        assertEquals("1", channels.prevId("p-a"), "the first channel's prev-id survives the move to a map");
        assertEquals(List.of(GripLast.header("a", "1"), GripLast.header("b", "7")), channels.gripLast(),
                "untracked channels have no Grip-Last");

        assertTrue(channels.remove("p-a"));
        assertFalse(channels.remove("p-a"));
        assertEquals(List.of("p-b", "p-c"), List.copyOf(channels.names()));
    }

    @Test
    void theOnlyChannelLeavesAndAnotherTakesItsPlace() {
        channels.put("a", "a", null, List.of());
        assertTrue(channels.remove("a"));
        assertEquals(0, channels.size());
        assertTrue(channels.names().isEmpty());
        assertFalse(channels.contains("a"));

        channels.put("b", "b", "3", List.of());
        assertEquals(1, channels.size());
        assertTrue(channels.contains("b"));
        assertEquals(Map.of("b", "3"), channels.prevIds());
    }

    @Test
    void takeOverReportsWhoJoinedAndWhoLeft() {
        List<String> joined = new ArrayList<>();
        List<String> left = new ArrayList<>();
        channels.takeOver(List.of(), List.of("a"), joined::add, left::add);
        channels.takeOver(List.of(), List.of("a", "b"), joined::add, left::add);
        channels.takeOver(List.of(), List.of("b"), joined::add, left::add);
        assertEquals(List.of("a", "b"), joined);
        assertEquals(List.of("a"), left);
        assertEquals(List.of("b"), List.copyOf(channels.names()));
    }
}
