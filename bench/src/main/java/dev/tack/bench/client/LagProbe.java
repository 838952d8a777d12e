package dev.tack.bench.client;

import dev.tack.bench.stats.LoopStats;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task every 10 ms on one event loop and records how late it ran. An idle loop runs it within a
 * microsecond; a loop that is busy parsing (the load tool becoming the bottleneck) or blocked shows the
 * delay here.
 */
final class LagProbe {
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private LagProbe() {
    }

    /** Starts probing {@code loop}, recording into {@code stats}; cancel the returned future to stop. */
    static ScheduledFuture<?> start(EventExecutor loop, LoopStats stats) {
        long[] due = {System.nanoTime() + PERIOD_NANOS};
        return loop.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            stats.lag((now - due[0]) / 1000);
            due[0] = Math.max(due[0] + PERIOD_NANOS, now);
        }, PERIOD_NANOS, PERIOD_NANOS, TimeUnit.NANOSECONDS);
    }
}
