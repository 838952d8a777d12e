package dev.tack.proxy.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code history_total_bytes} bounds real memory: 10,000 channels with history, 40 items of 200 bytes each in two
 * formats (about 320 MB of content, encodings and objects, uncapped) stay under a 32 MiB cap, counted by the store and measured on the heap
 * (after a full collection) and in the allocator's direct memory.
 */
class HistoryMemoryBoundsTest {

    private static final Logger log = LoggerFactory.getLogger(HistoryMemoryBoundsTest.class);
    private static final long CAP = 32L * 1024 * 1024;
    private static final int CHANNELS = 10_000;

    @Test
    void tenThousandChannelsStayUnderTheByteCap() throws Exception {
        // Paranoid leak detection keeps a record with stack traces for every live buffer: measure without it.
        ResourceLeakDetector.Level leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            measure();
        } finally {
            ResourceLeakDetector.setLevel(leakLevel);
        }
    }

    private void measure() throws Exception {
        PooledByteBufAllocator alloc = new PooledByteBufAllocator(true);
        DefaultEventLoop timer = new DefaultEventLoop();
        HistorySettings settings = HistorySettings.on("room-*").withLimits(100, 300, 64 * 1024, CAP, CHANNELS);
        long heapBefore = settledHeap();
        History history = History.start(settings, null, new TackMetrics(""), alloc, timer, TimeSource.LOOPS);
        try {
            byte[] payload = new byte[200];
            Arrays.fill(payload, (byte) 'x');
            for (int round = 0; round < 40; round++) {
                for (int c = 0; c < CHANNELS; c++) {
                    PublishItem item = PublishItem.of("room-" + c, HttpStreamFormat.of(payload),
                            WsMessageFormat.binary(payload)).withId(round + "-" + c);
                    history.prepare(item, null, alloc).release();
                }
            }
            MemoryStore store = (MemoryStore) storeOf(history);
            long heapGrowth = settledHeap() - heapBefore;
            long direct = alloc.metric().usedDirectMemory();
            log.info("history of {} channels, {} items: {} bytes counted, heap grew {} bytes, direct memory {} bytes",
                    store.channels(), store.items(), store.bytes(), heapGrowth, direct);
            assertTrue(store.bytes() <= CAP, "counted " + store.bytes());
            assertTrue(store.channels() <= CHANNELS);
            assertTrue(store.items() > 0);
            assertTrue(heapGrowth + direct <= CAP, "heap grew " + heapGrowth + " bytes and direct memory holds " + direct
                    + " (cap " + CAP + ")");
        } finally {
            history.close();
            timer.shutdownGracefully().syncUninterruptibly();
        }
        assertEquals(0, alloc.metric().directArenas().stream().mapToLong(a -> a.numActiveAllocations()).sum(),
                "closing history released every item");
    }

    private static Object storeOf(History history) throws Exception {
        var field = History.class.getDeclaredField("memory");
        field.setAccessible(true);
        return field.get(history);
    }

    private static long settledHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
