package dev.tack.proxy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbox's byte bound, its write deadline and giving up on a stalled client (docs/reliability.md). */
class OutboxLimitsTest {

    /** Timers a test runs by hand. */
    private static final class HandTimers implements TimeSource {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delaysMillis = new ArrayList<>();
        final List<Promise<Void>> promises = new ArrayList<>();

        @Override
        public long nanoTime(EventExecutor loop) {
            return 0;
        }

        @Override
        public Future<?> schedule(EventExecutor loop, Runnable task, long delay, TimeUnit unit) {
            Promise<Void> promise = loop.newPromise();
            tasks.add(task);
            delaysMillis.add(unit.toMillis(delay));
            promises.add(promise);
            return promise;
        }

        /** Runs the timers not cancelled, in order. */
        void runAll() {
            for (int i = 0; i < tasks.size(); i++) {
                if (!promises.get(i).isCancelled()) {
                    tasks.get(i).run();
                }
            }
        }

        int live() {
            return (int) promises.stream().filter(p -> !p.isCancelled()).count();
        }
    }

    private static ByteBuf bytes(int size) {
        return Unpooled.wrappedBuffer(new byte[size]);
    }

    private static EmbeddedChannel unwritable() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        return channel;
    }

    /** An outbox with a 30 s write deadline on {@code timers}, reporting stalls to {@code stalls}. */
    private static Outbox withDeadline(EmbeddedChannel channel, HandTimers timers, AtomicInteger stalls) {
        return new Outbox(channel.pipeline().firstContext(), new OutboxLimits(100, 1_000_000, 30_000),
                OutboxEvents.dropsOnly(n -> { }), timers, stalls::incrementAndGet);
    }

    @Test
    void bytesAreBoundedAsWellAsMessages() {
        EmbeddedChannel channel = unwritable();
        AtomicInteger dropped = new AtomicInteger();
        Outbox outbox = new Outbox(channel.pipeline().firstContext(), new OutboxLimits(100, 1000, 0),
                OutboxEvents.dropsOnly(dropped::addAndGet), null, null);
        assertTrue(outbox.offer(bytes(10)));              // written; the channel is unwritable from here
        assertTrue(outbox.offer(bytes(600)));
        assertTrue(outbox.offer(bytes(400)));
        assertEquals(1000, outbox.queuedBytes());
        ByteBuf tooMuch = bytes(1);
        assertFalse(outbox.offer(tooMuch), "a byte past outbox_max_bytes is dropped");
        assertEquals(0, tooMuch.refCnt());
        assertEquals(1, dropped.get());
        channel.flush();
        outbox.drain();
        outbox.drain();
        assertEquals(0, outbox.queuedBytes());
        channel.finishAndReleaseAll();
    }

    @Test
    void theDeadlineIsSetWhenMessagesStartToWaitAndCancelledWhenTheyAreOut() {
        EmbeddedChannel channel = unwritable();
        HandTimers timers = new HandTimers();
        AtomicInteger stalls = new AtomicInteger();
        Outbox outbox = withDeadline(channel, timers, stalls);
        outbox.offer(bytes(10));
        assertEquals(0, timers.live(), "no timer while the client keeps up");
        outbox.offer(bytes(10));
        outbox.offer(bytes(10));
        assertEquals(1, timers.live(), "one timer when messages start to wait");
        assertEquals(30_000L, timers.delaysMillis.get(0));
        channel.flush();
        outbox.drain();
        outbox.drain();
        assertEquals(0, timers.live(), "cancelled once the outbox is empty again");
        timers.runAll();
        assertEquals(0, stalls.get());
        channel.finishAndReleaseAll();
    }

    @Test
    void aClientStillBehindAtTheDeadlineIsReportedAndAbandoned() {
        EmbeddedChannel channel = unwritable();
        HandTimers timers = new HandTimers();
        AtomicInteger stalls = new AtomicInteger();
        Outbox outbox = withDeadline(channel, timers, stalls);
        outbox.offer(bytes(10));
        ByteBuf waiting = bytes(20);
        outbox.offer(waiting);
        timers.runAll();
        assertEquals(1, stalls.get(), "the owner hears of the stall");
        assertEquals(1, outbox.abandon(Unpooled.wrappedBuffer(new byte[] {'E'})), "one queued message released");
        assertEquals(0, waiting.refCnt());
        assertFalse(outbox.offer(bytes(5)), "nothing is taken after abandon");
        channel.runPendingTasks();
        assertFalse(channel.isOpen(), "closed once the last message is out");
        channel.finishAndReleaseAll();
    }
}
