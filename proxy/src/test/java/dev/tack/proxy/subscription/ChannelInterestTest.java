package dev.tack.proxy.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** First/last listener events, summed over shards, with the linger on a driven clock. */
class ChannelInterestTest {

    private final AtomicLong now = new AtomicLong();
    private final ChannelInterest interest = new ChannelInterest(TimeUnit.SECONDS.toNanos(60), now::get);
    private final List<String> events = new ArrayList<>();

    ChannelInterestTest() {
        interest.addListener(recorder(events));
    }

    private static ChannelListener recorder(List<String> into) {
        return new ChannelListener() {
            @Override
            public void channelOpened(String channel) {
                into.add("+" + channel);
            }

            @Override
            public void channelClosed(String channel) {
                into.add("-" + channel);
            }
        };
    }

    @Test
    void theFirstShardOpensAndTheLastClosesAfterTheLinger() {
        interest.shardOpened("news");
        interest.shardOpened("news");
        assertEquals(List.of("+news"), events);
        interest.shardClosed("news");
        interest.shardClosed("news");
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        assertEquals(0, interest.expireLingering());
        assertEquals(Set.of("news"), interest.channels());
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(1, interest.expireLingering());
        assertEquals(List.of("+news", "-news"), events);
        assertEquals(Set.of(), interest.channels());
    }

    @Test
    void aChannelTakenAgainWhileLingeringStaysOpenWithoutEvents() {
        interest.shardOpened("poll");
        interest.shardClosed("poll");
        now.addAndGet(TimeUnit.SECONDS.toNanos(30));
        interest.shardOpened("poll");
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertEquals(0, interest.expireLingering());
        assertEquals(List.of("+poll"), events);
        interest.shardClosed("poll");
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        interest.expireLingering();
        assertEquals(List.of("+poll", "-poll"), events);
    }

    @Test
    void withoutLingerTheLastShardClosesAtOnce() {
        ChannelInterest noLinger = new ChannelInterest(0, now::get);
        List<String> seen = new ArrayList<>();
        noLinger.addListener(recorder(seen));
        noLinger.shardOpened("a");
        noLinger.shardClosed("a");
        assertEquals(List.of("+a", "-a"), seen);
    }

    @Test
    void everyListenerGetsTheEventsAndAFailingOneStopsNoOther() {
        interest.addListener(new ChannelListener() {
            @Override
            public void channelOpened(String channel) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void channelClosed(String channel) {
            }
        });
        List<String> third = new ArrayList<>();
        interest.addListener(recorder(third));
        interest.shardOpened("x");
        assertEquals(List.of("+x"), events);
        assertEquals(List.of("+x"), third);
    }

    @Test
    void withoutListenersNothingIsTracked() {
        ChannelInterest untracked = ChannelInterest.untracked();
        untracked.shardOpened("a");
        assertEquals(0, untracked.size());
    }
}
