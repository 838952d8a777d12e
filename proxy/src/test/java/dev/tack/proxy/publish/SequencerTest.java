package dev.tack.proxy.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One test per sequencing rule (docs/compatibility.md "Ordering and duplicates"), on a hand-driven clock. */
class SequencerTest {

    private final AtomicLong now = new AtomicLong(1_000);

    private static PublishItem item(String channel, String id, String prevId) {
        PublishItem item = PublishItem.of(channel, HttpStreamFormat.of(id == null ? "-" : id));
        if (id != null) {
            item = item.withId(id);
        }
        return prevId == null ? item : item.withPrevId(prevId);
    }

    private static List<String> ids(List<PublishItem> items) {
        return items.stream().map(PublishItem::id).toList();
    }

    @Test
    void itemsInOrderPassStraightThrough() {
        Sequencer sequencer = new Sequencer(5000, 0, now::get);
        assertEquals(List.of("a", "b"), ids(sequencer.accept(List.of(item("c", "a", null), item("c", "b", "a")))));
    }

    @Test
    void outOfOrderItemsWaitForTheirPredecessor() {
        Sequencer sequencer = new Sequencer(5000, 0, now::get);
        assertEquals(List.of("a"), ids(sequencer.accept(List.of(item("c", "a", null)))));
        assertEquals(List.of(), ids(sequencer.accept(List.of(item("c", "e", "d"), item("c", "d", "c"), item("c", "c", "b")))));
        assertEquals(List.of("b", "c", "d", "e"), ids(sequencer.accept(List.of(item("c", "b", "a")))));
        assertEquals(0, sequencer.pendingCount());
    }

    @Test
    void aGapIsReleasedAfterMessageWait() {
        Sequencer sequencer = new Sequencer(5000, 0, now::get);
        sequencer.accept(List.of(item("c", "a", null)));
        sequencer.accept(List.of(item("c", "c", "b")));
        now.addAndGet(4999);
        assertEquals(List.of(), ids(sequencer.expire()));
        now.addAndGet(1);
        assertEquals(List.of("c"), ids(sequencer.expire()));
        assertEquals(List.of("d"), ids(sequencer.accept(List.of(item("c", "d", "c")))));
    }

    @Test
    void noSeqSkipsTheWait() {
        Sequencer sequencer = new Sequencer(5000, 0, now::get);
        sequencer.accept(List.of(item("c", "a", null)));
        assertEquals(List.of("z"), ids(sequencer.accept(List.of(item("c", "z", "y").withNoSeq(true)))));
    }

    @Test
    void anItemWithoutAnIdForgetsTheLastId() {
        Sequencer sequencer = new Sequencer(5000, 0, now::get);
        sequencer.accept(List.of(item("c", "a", null), item("c", null, null)));
        assertEquals(List.of("x"), ids(sequencer.accept(List.of(item("c", "x", "unknown")))));
    }

    @Test
    void channelsAreSequencedSeparately() {
        Sequencer sequencer = new Sequencer(5000, 0, now::get);
        sequencer.accept(List.of(item("one", "a", null)));
        assertEquals(List.of("q"), ids(sequencer.accept(List.of(item("two", "q", "p")))));
    }

    @Test
    void secondItemWaitingForTheSamePrevIdIsDropped() {
        Sequencer sequencer = new Sequencer(5000, 0, now::get);
        sequencer.accept(List.of(item("c", "a", null)));
        sequencer.accept(List.of(item("c", "c1", "b"), item("c", "c2", "b")));
        assertEquals(1, sequencer.pendingCount());
    }

    @Test
    void repeatsWithinTheIdCacheTtlAreDropped() {
        Sequencer sequencer = new Sequencer(5000, 60, now::get);
        assertEquals(List.of("a"), ids(sequencer.accept(List.of(item("c", "a", null)))));
        assertEquals(List.of(), ids(sequencer.accept(List.of(item("c", "a", null)))));
        assertEquals(List.of("a"), ids(sequencer.accept(List.of(item("other", "a", null)))));
        now.addAndGet(60_000);
        assertEquals(List.of("a"), ids(sequencer.accept(List.of(item("c", "a", null)))));
    }

    @Test
    void withoutTheIdCacheRepeatsAreDelivered() {
        Sequencer sequencer = new Sequencer(5000, 0, now::get);
        sequencer.accept(List.of(item("c", "a", null)));
        assertEquals(List.of("a"), ids(sequencer.accept(List.of(item("c", "a", null)))));
    }
}
