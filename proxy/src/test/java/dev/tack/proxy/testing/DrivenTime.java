package dev.tack.proxy.testing;

import dev.tack.proxy.time.TimeSource;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time a test drives: nothing scheduled on it runs until {@link #advance} moves the clock past its deadline, and
 * then it runs on its own event loop, in deadline order, before {@code advance} returns. A Tack server started on
 * it ({@link TackFixture#start(java.util.List, java.util.function.UnaryOperator, DrivenTime)}) lets a test skip a
 * 20 s poll interval or a 30 s timeout in no time, over real sockets.
 */
public final class DrivenTime implements TimeSource {

    private record Due(long deadline, long order, EventExecutor loop, Runnable task, Promise<Void> promise)
            implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(order, other.order);
        }
    }

    private final AtomicLong now = new AtomicLong(TimeUnit.DAYS.toNanos(1));
    private final PriorityQueue<Due> queue = new PriorityQueue<>();
    private long scheduled;

    @Override
    public long nanoTime(EventExecutor loop) {
        return now.get();
    }

    @Override
    public Future<?> schedule(EventExecutor loop, Runnable task, long delay, TimeUnit unit) {
        Promise<Void> promise = loop.newPromise();
        synchronized (queue) {
            queue.add(new Due(now.get() + unit.toNanos(Math.max(delay, 0)), scheduled++, loop, task, promise));
        }
        return promise;
    }

    /** Moves the clock on by {@code by}, running everything that falls due on its loop, in order. */
    public void advance(Duration by) {
        long target = now.get() + by.toNanos();
        while (true) {
            Due due;
            synchronized (queue) {
                due = queue.peek();
                if (due == null || due.deadline() > target) {
                    break;
                }
                queue.poll();
            }
            now.set(Math.max(now.get(), due.deadline()));
            if (due.promise().isCancelled()) {
                continue;
            }
            try {
                due.loop().submit(() -> {
                    if (due.promise().setUncancellable()) {
                        due.task().run();
                        due.promise().trySuccess(null);
                    }
                }).syncUninterruptibly();
            } catch (RejectedExecutionException shutDown) {
                // The loop is gone, and its timers with it.
            }
        }
        now.set(target);
    }

    /**
     * Whether a timer (not cancelled) is due exactly {@code fromNow} from now: lets a test wait until the timer it is
     * about to run past has been set, since timers are set on event loops a moment after what caused them.
     */
    public boolean hasTimerIn(Duration fromNow) {
        long deadline = now.get() + fromNow.toNanos();
        synchronized (queue) {
            return queue.stream().anyMatch(d -> !d.promise().isCancelled() && d.deadline() == deadline);
        }
    }

    /** How many timers wait (cancelled ones included until their time comes). */
    public int pending() {
        synchronized (queue) {
            return (int) queue.stream().filter(d -> !d.promise().isCancelled()).count();
        }
    }
}
