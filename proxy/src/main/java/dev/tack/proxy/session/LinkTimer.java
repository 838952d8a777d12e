package dev.tack.proxy.session;

import dev.tack.proxy.time.TimeSource;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A stream hold's next-link timeout ({@code Grip-Link: <...>; rel=next; timeout=120}, docs/compatibility.md
 * "Reliable GRIP"): when the stream has gone that long without every one of its channels seeing a message, the link
 * is fetched again. The period starts over only once <em>every</em> subscribed channel has carried a message since
 * it last started (Pushpin's {@code activeChannels}), so one busy channel cannot keep a quiet one from re-syncing.
 *
 * <p>Like the keep-alive, it does not reschedule on every message: a start-over is noted, and the timer, when it
 * falls due, sleeps again for what is left. Confined to the hold's event loop.
 */
final class LinkTimer {

    private final TimeSource time;
    private final EventExecutor loop;
    private final Runnable due;
    /** Channels that carried a message since the period started; made once a hold has two channels or more. */
    private Set<String> active;
    private Future<?> timer;
    private long periodNanos;
    private long startedNanos;

    /** @param due runs on {@code loop} when the timeout passes */
    LinkTimer(TimeSource time, EventExecutor loop, Runnable due) {
        this.time = time;
        this.loop = loop;
        this.due = due;
    }

    /** Starts a period of {@code seconds}, replacing any running one. */
    void start(int seconds) {
        stop();
        periodNanos = TimeUnit.SECONDS.toNanos(seconds);
        startedNanos = time.nanoTime(loop);
        schedule(periodNanos);
    }

    /** {@code channel} carried a message; with {@code channels} subscribed in all, the period may start over. */
    void activity(String channel, int channels) {
        if (timer == null) {
            return;
        }
        if (channels > 1) {
            if (active == null) {
                active = new HashSet<>(4);
            }
            active.add(channel);
            if (active.size() < channels) {
                return;
            }
            active.clear();
        }
        startedNanos = time.nanoTime(loop);
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        clearActive();
    }

    private void clearActive() {
        if (active != null) {
            active.clear();
        }
    }

    boolean running() {
        return timer != null;
    }

    private void schedule(long nanos) {
        try {
            timer = time.schedule(loop, this::fire, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            timer = null;
        }
    }

    private void fire() {
        long left = startedNanos + periodNanos - time.nanoTime(loop);
        if (left > 0) {
            schedule(left);
            return;
        }
        timer = null;
        clearActive();
        due.run();
    }
}
