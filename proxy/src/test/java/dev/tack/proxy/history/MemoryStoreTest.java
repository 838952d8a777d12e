package dev.tack.proxy.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.StreamPosition;
import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.engine.StreamRead.Result;
import dev.tack.proxy.metrics.TackMetrics;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The memory store's reads and bounds (docs/history.md "Limits"), on a clock the test moves. */
class MemoryStoreTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.DAYS.toNanos(1));
    private final TackMetrics metrics = new TackMetrics("");
    private MemoryStore store;

    private MemoryStore store(int items, int ageSeconds, long bytes, long total, int channels) {
        store = new MemoryStore(HistorySettings.on("*").withLimits(items, ageSeconds, bytes, total, channels), now::get,
                new HistoryMeters(metrics));
        return store;
    }

    @AfterEach
    void releaseEverything() {
        if (store != null) {
            store.close();
        }
    }

    private StreamPosition append(String channel, String id, String content) {
        PublishItem item = PublishItem.of(channel, HttpStreamFormat.of(content)).withId(id);
        PreparedItem live = store.append(item, item, UnpooledByteBufAllocator.DEFAULT);
        StreamPosition position = live.position();
        live.release();
        return position;
    }

    private Slice read(String channel, StreamQuery query) {
        return store.read(channel, query, 300).toCompletableFuture().join();
    }

    /** The ids of a slice's items (and releases it). */
    private static List<String> ids(Slice slice) {
        List<String> ids = new ArrayList<>();
        slice.items().forEach(item -> ids.add(item.item().id()));
        slice.release();
        return ids;
    }

    /** A slice's result (and releases it). */
    private static Result result(Slice slice) {
        slice.release();
        return slice.result();
    }

    private static StreamQuery.After afterId(String id) {
        return new StreamQuery.After(null, id);
    }

    @Test
    void itemsGetConsecutiveOffsetsInOneEpochPerChannel() {
        store(100, 300, 1 << 20, 1 << 24, 10);
        StreamPosition a1 = append("a", "1", "x");
        StreamPosition a2 = append("a", "2", "x");
        StreamPosition b1 = append("b", "1", "x");
        assertEquals(1, a1.offset());
        assertEquals(new StreamPosition(a1.epoch(), 2), a2);
        assertNotEquals(a1.epoch(), b1.epoch());
    }

    @Test
    void readsAfterAnIdOrATokenUpToTheTop() {
        store(100, 300, 1 << 20, 1 << 24, 10);
        StreamPosition first = append("a", "x1", "x");
        append("a", "x2", "x");
        append("a", "x3", "x");
        Slice slice = read("a", afterId("x1"));
        assertEquals(Result.OK, slice.result());
        assertEquals(new StreamPosition(first.epoch(), 3), slice.top());
        assertEquals(List.of("x2", "x3"), ids(slice));
        assertEquals(List.of("x3"), ids(read("a", new StreamQuery.After(new StreamPosition(first.epoch(), 2), null))));
        assertEquals(List.of(), ids(read("a", afterId("x3"))));
    }

    @Test
    void aRepeatedIdNamesItsNewestItem() {
        store(100, 300, 1 << 20, 1 << 24, 10);
        append("a", "same", "1");
        append("a", "other", "2");
        append("a", "same", "3");
        append("a", "last", "4");
        assertEquals(List.of("last"), ids(read("a", afterId("same"))));
    }

    @Test
    void whatCannotBeServedWholeIsNotServedAtAll() {
        store(5, 300, 1 << 20, 1 << 24, 10);
        StreamPosition first = append("a", "1", "x");
        for (int n = 2; n <= 10; n++) {
            append("a", String.valueOf(n), "x");
        }
        assertEquals(Result.UNKNOWN_POSITION, read("a", afterId("nope")).result());
        assertEquals(Result.UNKNOWN_POSITION, read("a", afterId("2")).result(), "trimmed ids are forgotten");
        assertEquals(Result.EVICTED, read("a", new StreamQuery.After(new StreamPosition(first.epoch(), 3), null))
                .result());
        assertEquals(Result.UNKNOWN_POSITION, read("a", new StreamQuery.After(new StreamPosition(first.epoch(), 11),
                null)).result());
        assertEquals(Result.EPOCH_CHANGED, read("a", new StreamQuery.After(new StreamPosition("other", 8), null))
                .result());
        assertEquals(Result.TOO_LARGE, store.read("a", afterId("6"), 3).toCompletableFuture().join().result());
        assertEquals(List.of("7", "8", "9", "10"), ids(read("a", afterId("6"))));
    }

    @Test
    void rewindByCountAndByTime() {
        store(100, 300, 1 << 20, 1 << 24, 10);
        for (int n = 1; n <= 6; n++) {
            append("a", String.valueOf(n), "x");
            now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        }
        assertEquals(List.of("5", "6"), ids(read("a", new StreamQuery.Last(2))));
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), ids(read("a", new StreamQuery.Last(50))));
        // item 6 was stored 10 s ago, item 5 20 s ago, item 4 30 s ago
        assertEquals(List.of("4", "5", "6"), ids(read("a", new StreamQuery.Since(30_000))));
        assertEquals(List.of(), ids(read("a", new StreamQuery.Since(5_000))));
    }

    @Test
    void itemsOlderThanTheMaxAgeAreTrimmedAndNeverReplayed() {
        store(100, 60, 1 << 20, 1 << 24, 10);
        StreamPosition first = append("a", "1", "x");
        now.addAndGet(TimeUnit.SECONDS.toNanos(50));
        append("a", "2", "x");
        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
        store.sweep();
        assertEquals(1, store.items());
        assertEquals(Result.EVICTED, read("a", new StreamQuery.After(new StreamPosition(first.epoch(), 0), null))
                .result());
        assertEquals(List.of("2"), ids(read("a", new StreamQuery.After(first, null))));
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertEquals(List.of(), ids(read("a", new StreamQuery.Last(10))));
    }

    @Test
    void theChannelsBytesBoundDropsItsOldestItems() {
        store(100, 300, 3 * (ItemSize.OVERHEAD + 200), 1 << 24, 10);
        for (int n = 1; n <= 10; n++) {
            append("a", String.valueOf(n), "y".repeat(100));
        }
        Slice all = read("a", new StreamQuery.Last(100));
        assertTrue(all.items().size() < 10 && all.items().size() >= 2, all.items().size() + " items kept");
        all.release();
    }

    @Test
    void pastTheChannelCapTheLeastRecentlyPublishedChannelIsEvictedWhole() {
        store(100, 300, 1 << 20, 1 << 24, 2);
        StreamPosition a = append("a", "1", "x");
        append("b", "1", "x");
        append("a", "2", "x");
        append("c", "1", "x");
        assertEquals(2, store.channels());
        assertEquals(Result.OK, result(read("a", afterId("1"))));
        // b was evicted: a read starts it again, in a new epoch
        Slice b = read("b", afterId("1"));
        assertEquals(Result.UNKNOWN_POSITION, b.result());
        assertNotEquals(a.epoch(), b.top().epoch());
        assertEquals(0, b.top().offset());
    }

    @Test
    void pastTheTotalBytesWholeChannelsAreEvicted() {
        long total = 20L * 1024;
        store(100, 300, 8 * 1024, total, 1000);
        for (int c = 0; c < 50; c++) {
            append("ch" + c, "1", "z".repeat(1000));
            assertTrue(store.bytes() <= total, "counted " + store.bytes());
        }
        assertTrue(store.channels() < 50);
        assertEquals(Result.OK, result(read("ch49", afterId("1"))));
    }

    @Test
    void countedBytesFollowStoredItems() {
        store(2, 300, 1 << 20, 1 << 24, 10);
        long empty = store.bytes();
        append("a", "1", "x".repeat(500));
        long one = store.bytes() - empty;
        assertTrue(one > 500 * 2, "content, encoded chunk and objects: " + one);
        append("a", "2", "x".repeat(500));
        append("a", "3", "x".repeat(500));
        assertEquals(2, store.items());
        store.close();
        assertEquals(0, store.bytes());
        assertEquals(0, store.items());
    }
}
