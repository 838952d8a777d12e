package dev.tack.bench.message;

import java.time.Instant;

/**
 * Microseconds since the Unix epoch, read from {@link System#nanoTime()} against one wall-clock anchor taken
 * at construction: as cheap as {@code nanoTime}, never going backwards, and still close enough to the wall
 * clock that a publisher in another process on the same host could stamp comparable values.
 *
 * <p>Share one instance between the publisher and every subscriber of a run.
 */
public final class MicroClock {
    private final long anchorEpochMicros;
    private final long anchorNanos;

    public MicroClock() {
        Instant now = Instant.now();
        anchorNanos = System.nanoTime();
        anchorEpochMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** The current time in microseconds since the epoch. */
    public long nowMicros() {
        return anchorEpochMicros + (System.nanoTime() - anchorNanos) / 1_000;
    }
}
