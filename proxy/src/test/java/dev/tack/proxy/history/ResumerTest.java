package dev.tack.proxy.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.Subscriber;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The boundary between replay and live (docs/history.md "No gap, no duplicate"), on one event loop: items whose
 * live delivery is still on its way when the snapshot is read, live items that arrive while the engine's store is
 * read, items the node never received, and a connection that goes away meanwhile.
 */
class ResumerTest {

    /** The memory store, whose reads the test may hold back as an engine's round trip would be. */
    private static final class SlowStore implements Store {
        final MemoryStore memory;
        final List<Runnable> held = new ArrayList<>();
        int reads;
        boolean slow;

        SlowStore(MemoryStore memory) {
            this.memory = memory;
        }

        @Override
        public CompletionStage<Slice> read(String channel, StreamQuery query, int limit) {
            reads++;
            if (!slow) {
                return memory.read(channel, query, limit);
            }
            CompletableFuture<Slice> later = new CompletableFuture<>();
            held.add(() -> memory.read(channel, query, limit).thenAccept(later::complete));
            return later;
        }

        void answer() {
            List<Runnable> now = new ArrayList<>(held);
            held.clear();
            now.forEach(Runnable::run);
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    /** A hold that writes down what it gets. */
    private static final class Hold implements Subscriber {
        final List<String> got = new ArrayList<>();
        int flushes;

        @Override
        public boolean deliver(String channel, PreparedItem item) {
            got.add(new String(item.httpStream().content(), StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    /** Timers the test runs by hand (a paused replay's recheck). */
    private final List<Runnable> timers = new ArrayList<>();
    private final TimeSource time = new TimeSource() {
        @Override
        public long nanoTime(EventExecutor loop) {
            return 0;
        }

        @Override
        public Future<?> schedule(EventExecutor loop, Runnable task, long delay, TimeUnit unit) {
            timers.add(task);
            return loop.newSucceededFuture(null);
        }
    };
    private final EmbeddedChannel client = new EmbeddedChannel();
    private final HistorySettings settings = HistorySettings.on("a");
    private final HistoryMeters meters = new HistoryMeters(new TackMetrics(""));
    private final MemoryStore memory = new MemoryStore(settings, new AtomicLong(TimeUnit.DAYS.toNanos(1))::get, meters);
    private final SlowStore store = new SlowStore(memory);
    private final History history = new History(settings, store, memory, meters, UnpooledByteBufAllocator.DEFAULT,
            time);
    private final Hold hold = new Hold();
    private final List<Opening> opened = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        history.close();
        client.finishAndReleaseAll();
    }

    /** Publishes item {@code n} on channel a: stored, and returned as its live delivery (owned by the caller). */
    private PreparedItem publish(int n) {
        return history.prepare(PublishItem.of("a", HttpStreamFormat.of(n + "\n")).withId(String.valueOf(n)), null,
                UnpooledByteBufAllocator.DEFAULT);
    }

    private void publishAndForget(int n) {
        publish(n).release();
    }

    private Resumer resumer(ResumeRequest request, Resume.Transport transport, boolean ids) {
        Resumer resumer = new Resumer(history, request, transport, client, Set.of(), ids, false);
        resumer.bind(hold);
        return resumer;
    }

    /** Delivers a live item as the registry would, and releases it. */
    private static void live(Subscriber subscriber, PreparedItem item) {
        try {
            subscriber.deliver("a", item);
        } finally {
            item.release();
        }
    }

    private static List<String> lines(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            out.add(n + "\n");
        }
        return out;
    }

    @Test
    void liveItemsTheReplayCarriedAreDropped() {
        publishAndForget(1);
        publishAndForget(2);
        publishAndForget(3);
        PreparedItem fourOnItsWay = publish(4);
        PreparedItem fiveOnItsWay = publish(5);
        Resumer resumer = resumer(ResumeRequest.after("2"), Resume.Transport.STREAM, false);
        resumer.start(List.of("a"), opened::add);
        assertEquals(List.of(new Header("Tack-Resume", "recovered")), opened.get(0).headers());
        assertEquals(lines(3, 5), hold.got);
        live(resumer, fourOnItsWay);
        live(resumer, fiveOnItsWay);
        live(resumer, publish(6));
        assertEquals(lines(3, 6), hold.got);
    }

    @Test
    void liveItemsWaitWhileTheStoreIsReadAndGoOutOnceAfterTheReplay() {
        publishAndForget(1);
        publishAndForget(2);
        store.slow = true;
        Resumer resumer = resumer(ResumeRequest.after("1"), Resume.Transport.STREAM, false);
        resumer.start(List.of("a"), opened::add);
        PreparedItem three = publish(3);
        live(resumer, three);
        assertEquals(List.of(), opened, "the head waits for the snapshot");
        assertEquals(List.of(), hold.got);
        store.answer();
        assertEquals(1, opened.size());
        assertEquals(lines(2, 3), hold.got, "3 came in the replay, and its live copy was dropped");
        live(resumer, publish(4));
        assertEquals(lines(2, 4), hold.got);
        assertTrue(hold.flushes > 0);
    }

    @Test
    void itemsTheNodeNeverReceivedAreFilledInBeforeTheNextLiveOne() {
        publishAndForget(1);
        publishAndForget(2);
        Resumer resumer = resumer(ResumeRequest.after("1"), Resume.Transport.STREAM, false);
        resumer.start(List.of("a"), opened::add);
        assertEquals(lines(2, 2), hold.got);
        publishAndForget(3);
        publishAndForget(4);
        live(resumer, publish(5));
        assertEquals(lines(2, 5), hold.got);
        assertEquals(1.0, meters.gapFills.count());
        live(resumer, publish(6));
        assertEquals(lines(2, 6), hold.got);
    }

    @Test
    void aReplayGoesOutOnlyAsFastAsTheClientTakesIt() {
        for (int n = 1; n <= 5; n++) {
            publishAndForget(n);
        }
        // The client's socket is full: a write of 10 bytes is waiting over a high-water mark of 2.
        client.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        client.write(Unpooled.wrappedBuffer(new byte[10]));
        assertFalse(client.isWritable());
        Resumer resumer = resumer(ResumeRequest.after("2"), Resume.Transport.STREAM, false);
        resumer.start(List.of("a"), opened::add);
        assertEquals(1, opened.size());
        assertEquals(List.of(), hold.got, "nothing replayed into a full socket");
        live(resumer, publish(6));
        assertEquals(1, timers.size());
        timers.remove(0).run();
        assertEquals(List.of(), hold.got, "still full");
        client.flush();
        assertTrue(client.isWritable());
        timers.remove(0).run();
        assertEquals(lines(3, 6), hold.got, "the replay, then the live item that waited behind it");
        assertEquals(List.of(), timers);
    }

    @Test
    void aConnectionThatGoesAwayReleasesWhatWaited() {
        publishAndForget(1);
        store.slow = true;
        Resumer resumer = resumer(ResumeRequest.after("1"), Resume.Transport.STREAM, false);
        resumer.start(List.of("a"), opened::add);
        live(resumer, publish(2));
        resumer.close();
        store.answer();
        assertEquals(List.of(), opened);
        assertEquals(List.of(), hold.got);
    }

    @Test
    void addedIdsCarryEveryChannelsPosition() {
        publishAndForget(1);
        Resumer resumer = resumer(ResumeRequest.NONE, Resume.Transport.SSE, true);
        resumer.start(List.of("a"), opened::add);
        assertEquals(List.of(), opened.get(0).headers());
        String start = new String(opened.get(0).bodyPrefix(), StandardCharsets.UTF_8);
        String epoch = start.replaceAll("^id: a:t1\\.([a-z0-9]+)\\.1\n\n$", "$1");
        assertEquals("id: a:t1." + epoch + ".1\n\n", start, "the position when the stream opened, before its body");
        live(resumer, history.prepare(PublishItem.of("a", HttpStreamFormat.of("data: 2\n\n")), null,
                UnpooledByteBufAllocator.DEFAULT));
        assertEquals(List.of("id: a:t1." + epoch + ".2\ndata: 2\n\n"), hold.got);
    }

    @Test
    void theStartingIdOfAResumedStreamIsTheClientsPositionNotTheTop() {
        for (int n = 1; n <= 3; n++) {
            history.prepare(PublishItem.of("a", HttpStreamFormat.of("data: " + n + "\n\n")).withId(String.valueOf(n)),
                    null, UnpooledByteBufAllocator.DEFAULT).release();
        }
        Resumer resumer = resumer(ResumeRequest.after("1"), Resume.Transport.SSE, true);
        resumer.start(List.of("a"), opened::add);
        String start = new String(opened.get(0).bodyPrefix(), StandardCharsets.UTF_8);
        assertTrue(start.matches("id: a:t1\\.[a-z0-9]+\\.1\n\n"), start);
        assertEquals(2, hold.got.size(), "items 2 and 3, each with its own id");
        assertTrue(hold.got.get(1).matches("id: a:t1\\.[a-z0-9]+\\.3\ndata: 3\n\n"), hold.got.get(1));
    }

    @Test
    void aLeadingByteOrderMarkStaysFirst() {
        Opening opening = new Opening(List.of(), "id: x\n\n".getBytes(StandardCharsets.UTF_8));
        byte[] body = new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'd'};
        assertEquals("\uFEFFid: x\n\nd", new String(opening.bodyWith(body), StandardCharsets.UTF_8));
        assertEquals("id: x\n\nd", new String(opening.bodyWith(new byte[] {'d'}), StandardCharsets.UTF_8));
    }

    @Test
    void identicalReadsInFlightAreMerged() {
        publishAndForget(1);
        publishAndForget(2);
        store.slow = true;
        Reads reads = new Reads(store, meters);
        StreamQuery after1 = new StreamQuery.After(null, "1");
        CompletableFuture<Slice> first = reads.read("a", after1, 300).toCompletableFuture();
        CompletableFuture<Slice> second = reads.read("a", after1, 300).toCompletableFuture();
        CompletableFuture<Slice> other = reads.read("a", new StreamQuery.Last(1), 300).toCompletableFuture();
        assertEquals(2, store.reads);
        assertEquals(1.0, meters.merged.count());
        store.answer();
        for (CompletableFuture<Slice> read : List.of(first, second, other)) {
            Slice slice = read.join();
            assertEquals(1, slice.items().size());
            slice.release();
        }
    }
}
