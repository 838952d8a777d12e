package dev.tack.proxy.metrics;

import java.util.function.LongSupplier;

/**
 * Pushpin's {@code connection_minute}: minutes of client connection time, summed over connections. Sampled
 * (the count of connected clients times the time since the previous sample) rather than counted per
 * connection, so that opening and closing a connection costs nothing extra; the sampler runs every few
 * seconds and before every scrape. Thread-safe.
 */
final class ConnectionMinutes {
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final LongSupplier nanoTime;
    private final LongSupplier connected;
    private long lastSample;
    /** Connection-nanoseconds not yet a whole minute. */
    private long remainder;
    private long minutes;

    /**
     * @param nanoTime  the time source ({@code System::nanoTime}, or a driven one in tests)
     * @param connected the number of connected clients now
     */
    ConnectionMinutes(LongSupplier nanoTime, LongSupplier connected) {
        this.nanoTime = nanoTime;
        this.connected = connected;
        this.lastSample = nanoTime.getAsLong();
    }

    /** Adds the connection time since the previous sample, at the number of clients connected now. */
    synchronized void sample() {
        long now = nanoTime.getAsLong();
        long elapsed = now - lastSample;
        lastSample = now;
        long clients = connected.getAsLong();
        if (elapsed <= 0 || clients <= 0) {
            return;
        }
        // elapsed * clients overflows only past ~290 years of connection time per sample: split it anyway.
        long whole = elapsed / NANOS_PER_MINUTE;
        minutes += whole * clients;
        remainder += (elapsed - whole * NANOS_PER_MINUTE) * clients;
        minutes += remainder / NANOS_PER_MINUTE;
        remainder %= NANOS_PER_MINUTE;
    }

    synchronized long minutes() {
        return minutes;
    }
}
