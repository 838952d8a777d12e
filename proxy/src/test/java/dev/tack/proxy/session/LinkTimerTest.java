package dev.tack.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tack.proxy.time.TimeSource;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A stream's next-link timeout on an event loop whose time the test moves. */
class LinkTimerTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicInteger due = new AtomicInteger();
    private final LinkTimer timer;

    LinkTimerTest() {
        channel.freezeTime();
        timer = new LinkTimer(TimeSource.LOOPS, channel.eventLoop(), due::incrementAndGet);
    }

    private void advance(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void fallsDueAfterItsTimeoutOnce() {
        timer.start(120);
        advance(119);
        assertEquals(0, due.get());
        advance(1);
        assertEquals(1, due.get());
        advance(500);
        assertEquals(1, due.get());
        assertFalse(timer.running());
        assertFalse(channel.finish());
    }

    @Test
    void startsOverOnlyOnceEveryChannelCarriedAMessage() {
        timer.start(10);
        advance(6);
        timer.activity("a", 2);
        timer.activity("a", 2);
        advance(4);
        assertEquals(1, due.get(), "one busy channel of two does not hold the fetch off");

        timer.start(10);
        advance(6);
        timer.activity("a", 2);
        timer.activity("b", 2);
        advance(4);
        assertEquals(1, due.get(), "both channels active at 6 s: the period runs to 16 s");
        advance(5);
        assertEquals(1, due.get());
        advance(1);
        assertEquals(2, due.get());
    }

    @Test
    void aSingleChannelStartsThePeriodOverWithEachMessage() {
        timer.start(10);
        advance(6);
        timer.activity("a", 1);
        advance(9);
        assertEquals(0, due.get(), "the message at 6 s moved the end to 16 s");
        advance(1);
        assertEquals(1, due.get());
    }

    @Test
    void stoppedTimersNeverFallDue() {
        timer.start(1);
        timer.stop();
        advance(5);
        assertEquals(0, due.get());
    }
}
