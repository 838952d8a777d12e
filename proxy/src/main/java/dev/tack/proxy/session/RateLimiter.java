package dev.tack.proxy.session;

import dev.tack.proxy.time.TimeSource;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces actions the way Pushpin's {@code ratelimiter.cpp} does (docs/compatibility.md "Reliable GRIP"): actions wait
 * in one queue per key; every batch interval the limiter runs a batch, taking one action from each key in turn, so
 * one busy key cannot starve the others. At up to 40 actions per second a batch is one action every
 * {@code 1000 / rate} ms; faster rates run {@code rate · 25 / 1000} actions every 25 ms. With batch wait the first
 * batch waits one interval, so that actions arriving together are collected first. An action that finds nothing to do
 * costs no turn.
 *
 * <p>One limiter serves the whole node: Tack's holds pace their low-priority updates through one (10 per second,
 * batch wait) and their {@code http-check}/{@code http-modify} calls through another (100 per second). Thread safe:
 * actions are added from any event loop and run, under the limiter's lock, on its timer loop; an action must
 * therefore only hand work to other loops, never block or call back into the limiter.
 */
final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    /** Pushpin's {@code MIN_BATCH_INTERVAL}. */
    static final int MIN_BATCH_INTERVAL_MILLIS = 25;

    /** One paced action. */
    interface Action {
        /** Runs the action; returns whether it did anything (one that had nothing left to do costs no turn). */
        boolean execute();
    }

    private final TimeSource time;
    private final EventExecutor timerLoop;
    private final long batchIntervalMillis;
    private final int batchSize;
    private final boolean batchWait;
    private final TreeMap<String, ArrayDeque<Action>> buckets = new TreeMap<>();
    private String lastKey;
    private Future<?> timer;
    private boolean ticking;
    private boolean lastBatchEmpty;

    /**
     * @param actionsPerSecond how many actions may run per second (at least 1)
     * @param batchWait whether the first batch waits one interval instead of running at once
     * @param timerLoop where batches run
     */
    RateLimiter(int actionsPerSecond, boolean batchWait, TimeSource time, EventExecutor timerLoop) {
        if (actionsPerSecond < 1) {
            throw new IllegalArgumentException("actionsPerSecond: " + actionsPerSecond + " (expected: at least 1)");
        }
        this.time = time;
        this.timerLoop = timerLoop;
        this.batchWait = batchWait;
        if (actionsPerSecond >= 1000 / MIN_BATCH_INTERVAL_MILLIS) {
            batchIntervalMillis = MIN_BATCH_INTERVAL_MILLIS;
            batchSize = (actionsPerSecond * MIN_BATCH_INTERVAL_MILLIS + 999) / 1000;
        } else {
            batchIntervalMillis = 1000 / actionsPerSecond;
            batchSize = 1;
        }
    }

    /** Queues {@code action} under {@code key}. */
    synchronized void add(String key, Action action) {
        buckets.computeIfAbsent(key, k -> new ArrayDeque<>(2)).add(action);
        start();
    }

    /**
     * Adds to the last action still waiting under {@code key} when {@code join} accepts it (and returns true), else
     * queues a new action from {@code create}; both under the limiter's lock, so an action being joined cannot run
     * meanwhile.
     */
    synchronized <A extends Action> void addOrJoin(String key, Class<A> type, Predicate<A> join, Supplier<A> create) {
        ArrayDeque<Action> bucket = buckets.get(key);
        Action last = bucket == null ? null : bucket.peekLast();
        if (type.isInstance(last) && join.test(type.cast(last))) {
            return;
        }
        add(key, create.get());
    }

    /** Runs {@code change} under the limiter's lock (to change an action that may be waiting). */
    synchronized void locked(Runnable change) {
        change.run();
    }

    /** How many actions wait (tests, status). */
    synchronized int waiting() {
        return buckets.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    private void start() {
        if (timer != null || ticking) {
            return;
        }
        if (batchWait) {
            schedule(batchIntervalMillis);
        } else {
            // No wait: the first batch runs as soon as the timer loop gets to it, not when time next moves on.
            ticking = true;
            try {
                timerLoop.execute(this::tick);
            } catch (RejectedExecutionException shuttingDown) {
                ticking = false;
            }
        }
    }

    private void schedule(long millis) {
        try {
            timer = time.schedule(timerLoop, this::tick, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            timer = null;
        }
    }

    private synchronized void tick() {
        timer = null;
        ticking = false;
        runBatch();
        if (!buckets.isEmpty() || !lastBatchEmpty) {
            // Keep the pace: one more (maybe empty) interval passes before a new action may run at once again.
            schedule(batchIntervalMillis);
        } else {
            lastBatchEmpty = false;
        }
    }

    private void runBatch() {
        if (buckets.isEmpty()) {
            lastBatchEmpty = true;
            return;
        }
        lastBatchEmpty = false;
        Map.Entry<String, ArrayDeque<Action>> entry = lastKey == null ? null : buckets.ceilingEntry(lastKey);
        if (entry == null) {
            entry = buckets.firstEntry();
        }
        int processed = 0;
        while (processed < batchSize && entry != null) {
            String key = entry.getKey();
            ArrayDeque<Action> bucket = entry.getValue();
            if (run(bucket.poll())) {
                processed++;
            }
            if (bucket.isEmpty()) {
                lastKey = key;
                buckets.remove(key);
                entry = buckets.higherEntry(key);
            } else {
                entry = buckets.higherEntry(key);
                if (entry == null) {
                    entry = buckets.firstEntry();
                }
            }
        }
        if (entry != null) {
            lastKey = entry.getKey();
        }
    }

    private static boolean run(Action action) {
        try {
            return action.execute();
        } catch (RuntimeException e) {
            log.warn("paced action " + action + " failed", e);
            return false;
        }
    }
}
