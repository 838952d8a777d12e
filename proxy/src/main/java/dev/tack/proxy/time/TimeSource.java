package dev.tack.proxy.time;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Where every timer of Tack takes its time from: hold timeouts, keep-alives, WebSocket timers, origin head and
 * body timers, retry delays and the publish sequencer. Code never calls {@link System#nanoTime()} or schedules on
 * an event loop directly; it asks the source it was given, so a test can drive time instead of waiting for it.
 *
 * <p>The production source, {@link #LOOPS}, reads each event loop's own {@link io.netty.util.concurrent.Ticker}
 * and schedules on the loop itself. An {@code EmbeddedChannel} built with a mock ticker therefore drives every
 * timer of a handler under test through {@code advanceTimeBy}; integration tests over real sockets pass a source
 * of their own whose clock they advance.
 */
public interface TimeSource {

    /** The event loops' own tickers and schedulers. */
    TimeSource LOOPS = new TimeSource() {
        @Override
        public long nanoTime(EventExecutor loop) {
            return loop.ticker().nanoTime();
        }

        @Override
        public Future<?> schedule(EventExecutor loop, Runnable task, long delay, TimeUnit unit) {
            return loop.schedule(task, delay, unit);
        }
    };

    /** A monotonic reading in nanoseconds, as {@code loop} sees it; only differences between readings mean anything. */
    long nanoTime(EventExecutor loop);

    /**
     * Runs {@code task} on {@code loop} once {@code delay} has passed. Cancelling the returned future before then
     * keeps the task from running.
     */
    Future<?> schedule(EventExecutor loop, Runnable task, long delay, TimeUnit unit);
}
