package dev.tack.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tack.proxy.time.TimeSource;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pushpin's pacing ({@code ratelimiter.cpp}) on an event loop whose time stands still until the test moves it:
 * updates at 10 per second with batch wait, filter calls at 100 per second without, keys taking turns.
 */
class RateLimiterTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<String> ran = new ArrayList<>();

    RateLimiterTest() {
        channel.freezeTime();
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
    }

    private RateLimiter.Action action(String name) {
        return () -> ran.add(name);
    }

    @Test
    void tenPerSecondWithBatchWaitRunsOneActionEvery100Ms() {
        RateLimiter limiter = new RateLimiter(10, true, TimeSource.LOOPS, channel.eventLoop());
        for (int i = 0; i < 3; i++) {
            limiter.add("k", action("a" + i));
        }
        advance(99);
        assertEquals(List.of(), ran, "the first batch waits one interval");
        advance(1);
        assertEquals(List.of("a0"), ran);
        advance(99);
        assertEquals(List.of("a0"), ran);
        advance(1);
        assertEquals(List.of("a0", "a1"), ran);
        advance(100);
        assertEquals(List.of("a0", "a1", "a2"), ran);
        assertEquals(0, limiter.waiting());
        assertFalse(channel.finish());
    }

    @Test
    void keysTakeTurnsSoOneBusyKeyCannotStarveAnother() {
        RateLimiter limiter = new RateLimiter(10, true, TimeSource.LOOPS, channel.eventLoop());
        for (int i = 0; i < 3; i++) {
            limiter.add("busy", action("busy" + i));
        }
        limiter.add("quiet", action("quiet"));
        for (int i = 0; i < 4; i++) {
            advance(100);
        }
        assertEquals(List.of("busy0", "quiet", "busy1", "busy2"), ran);
    }

    @Test
    void anActionWithNothingToDoCostsNoTurn() {
        RateLimiter limiter = new RateLimiter(10, true, TimeSource.LOOPS, channel.eventLoop());
        limiter.add("a", () -> false);
        limiter.add("b", action("b"));
        advance(100);
        assertEquals(List.of("b"), ran);
    }

    @Test
    void aHundredPerSecondRunsThreeEvery25MsAndTheFirstAtOnce() {
        RateLimiter limiter = new RateLimiter(100, false, TimeSource.LOOPS, channel.eventLoop());
        for (int i = 0; i < 7; i++) {
            limiter.add("url", action("c" + i));
        }
        channel.runPendingTasks();
        assertEquals(3, ran.size(), "no wait for the first batch: " + ran);
        advance(24);
        assertEquals(3, ran.size());
        advance(1);
        assertEquals(6, ran.size());
        advance(25);
        assertEquals(7, ran.size());
    }

    @Test
    void afterAQuietIntervalANewActionRunsAtOnceAgain() {
        RateLimiter limiter = new RateLimiter(100, false, TimeSource.LOOPS, channel.eventLoop());
        limiter.add("url", action("first"));
        channel.runPendingTasks();
        advance(50);
        limiter.add("url", action("second"));
        channel.runPendingTasks();
        assertEquals(List.of("first", "second"), ran);
    }

    @Test
    void updateBatchesTakeAHundredHoldsEach() {
        RateLimiter limiter = new RateLimiter(10, true, TimeSource.LOOPS, channel.eventLoop());
        List<Integer> updated = new ArrayList<>();
        List<UpdateBatch> batches = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            int n = i;
            batches.add(UpdateBatch.join(limiter, "/next", new UpdateBatch.Member() {
                @Override
                public io.netty.util.concurrent.EventExecutor loop() {
                    return channel.eventLoop();
                }

                @Override
                public void update(UpdateBatch batch) {
                    updated.add(n);
                }
            }));
        }
        assertEquals(2, limiter.waiting());
        advance(100);
        channel.runPendingTasks();
        assertEquals(100, updated.size());
        advance(100);
        channel.runPendingTasks();
        assertEquals(150, updated.size());
        assertEquals(batches.get(0), batches.get(99));
        assertFalse(batches.get(99) == batches.get(100));
    }
}
