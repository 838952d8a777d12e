package dev.tack.bench.stats;

import java.util.Arrays;

/**
 * For each message sequence number, how many deliveries one event loop saw and when the latest came.
 * Grows by doubling; sequence numbers at or above {@link #MAX_TRACKED} are counted in totals but not here.
 * Not thread-safe.
 */
final class MessageArrivals {
    /** Bounds memory when publishing flat out for a long time: 64 Mi messages, 768 MiB per loop at most. */
    static final int MAX_TRACKED = 1 << 26;

    private int[] counts = new int[1024];
    private long[] latest = new long[1024];

    void add(long seq, long atMicros) {
        if (seq >= MAX_TRACKED) {
            return;
        }
        int i = (int) seq;
        if (i >= counts.length) {
            int size = Math.min(MAX_TRACKED, Math.max(i + 1, counts.length * 2));
            counts = Arrays.copyOf(counts, size);
            latest = Arrays.copyOf(latest, size);
        }
        counts[i]++;
        if (atMicros > latest[i]) {
            latest[i] = atMicros;
        }
    }

    int[] counts() {
        return counts.clone();
    }

    long[] latest() {
        return latest.clone();
    }
}
