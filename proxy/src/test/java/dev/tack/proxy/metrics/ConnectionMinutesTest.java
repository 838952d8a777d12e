package dev.tack.proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pushpin's connection_minute from samples of the connection count, on driven time. */
class ConnectionMinutesTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicLong connected = new AtomicLong();
    private final ConnectionMinutes minutes = new ConnectionMinutes(now::get, connected::get);

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
        minutes.sample();
    }

    @Test
    void minutesAddUpOverConnectionsAndTime() {
        connected.set(3);
        advance(30);
        assertEquals(1, minutes.minutes()); // 90 connection-seconds
        advance(30);
        assertEquals(3, minutes.minutes());
        connected.set(0);
        advance(600);
        assertEquals(3, minutes.minutes());
    }

    @Test
    void partMinutesCarryOverBetweenSamples() {
        connected.set(1);
        for (int i = 0; i < 12; i++) {
            advance(5);
        }
        assertEquals(1, minutes.minutes());
    }
}
