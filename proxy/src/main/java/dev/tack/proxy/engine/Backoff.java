package dev.tack.proxy.engine;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: 100 ms doubling to at most 5 s, each shortened by up to a fifth at random so that many nodes
 * losing one Redis do not all come back in the same millisecond.
 */
final class Backoff {

    static final long FIRST_MILLIS = 100;
    static final long MAX_MILLIS = 5_000;

    private int failures;

    /** The delay before the next attempt; each call counts one more failure. */
    long nextDelayMillis() {
        long delay = Math.min(MAX_MILLIS, FIRST_MILLIS << Math.min(failures, 16));
        failures++;
        return delay - ThreadLocalRandom.current().nextLong(delay / 5 + 1);
    }

    /** Connected: the next failure starts from the first delay again. */
    void reset() {
        failures = 0;
    }
}
