package dev.tack.proxy.delivery;

import java.util.concurrent.TimeUnit;

/**
 * How much may wait for one slow client, and for how long (docs/reliability.md "Slow consumers"). Past either bound
 * a new published item is dropped for that client and counted ({@code outbox_full}); a client whose outbox has not
 * been empty for {@code writeTimeoutMillis} is disconnected (WebSocket close 1008, end of stream for HTTP).
 *
 * @param maxMessages {@code [tack] outbox_max_messages}: messages that may wait
 * @param maxBytes {@code [tack] outbox_max_bytes}: payload bytes that may wait
 * @param writeTimeoutMillis {@code [tack] write_timeout} in milliseconds; 0 turns the deadline off
 */
public record OutboxLimits(int maxMessages, long maxBytes, long writeTimeoutMillis) {

    /** Pushpin's 100 messages, 1 MiB, and 30 s to catch up. */
    public static final OutboxLimits DEFAULTS = new OutboxLimits(100, 1024 * 1024, TimeUnit.SECONDS.toMillis(30));

    public OutboxLimits {
        if (maxMessages < 1 || maxBytes < 1 || writeTimeoutMillis < 0) {
            throw new IllegalArgumentException("outbox limits: " + maxMessages + " messages, " + maxBytes
                    + " bytes, " + writeTimeoutMillis + " ms (expected: at least one message and one byte, and a "
                    + "deadline of 0 or more)");
        }
    }

    /** The defaults with {@code maxMessages} instead of 100. */
    public static OutboxLimits messages(int maxMessages) {
        return new OutboxLimits(maxMessages, DEFAULTS.maxBytes, DEFAULTS.writeTimeoutMillis);
    }
}
