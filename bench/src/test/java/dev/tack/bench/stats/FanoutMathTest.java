package dev.tack.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FanoutMathTest {
    @Test
    void mergeAddsCountsAndKeepsTheLatestArrival() {
        LoopStats a = new LoopStats();
        LoopStats b = new LoopStats();
        a.delivered(0, 1_000, 3_000);
        a.delivered(1, 2_000, 2_500);
        b.delivered(0, 1_000, 9_000);
        b.delivered(5, 4_000, 4_100);
        b.duplicate();
        a.missed(2);
        LoopSnapshot merged = LoopSnapshot.merge(List.of(a.snapshot(), b.snapshot()));
        assertEquals(4, merged.received());
        assertEquals(2, merged.arrivals(0));
        assertEquals(9_000, merged.latestArrival(0));
        assertEquals(1, merged.arrivals(5));
        assertEquals(0, merged.arrivals(99));
        assertEquals(1, merged.duplicates());
        assertEquals(2, merged.missed());
        assertEquals(4, merged.latency().getTotalCount());
        assertEquals(8_000, merged.latency().getMaxValue(), 8);
    }

    @Test
    void lastSubscriberTimeIsLatestArrivalMinusSendTime() {
        LoopStats s = new LoopStats();
        s.delivered(0, 100, 150);
        s.delivered(0, 100, 400);
        s.delivered(1, 200, 260);
        LoopSnapshot snap = LoopSnapshot.merge(List.of(s.snapshot()));
        long[] sent = {100, 200, -1, 300};
        Histogram h = FanoutMath.lastSubscriberMicros(sent, snap);
        assertEquals(2, h.getTotalCount(), "only messages that were accepted and reached someone");
        assertEquals(300, h.getMaxValue());
        assertEquals(60, h.getMinValue());
    }

    @Test
    void fullyDeliveredCountsMessagesThatReachedEverySubscriber() {
        LoopStats s = new LoopStats();
        s.delivered(0, 0, 1);
        s.delivered(0, 0, 1);
        s.delivered(1, 0, 1);
        LoopSnapshot snap = LoopSnapshot.merge(List.of(s.snapshot()));
        long[] sent = {0, 0, 0};
        assertEquals(1, FanoutMath.fullyDelivered(sent, snap, seq -> 2));
    }

    @Test
    void arrivalsGrowPastTheirFirstSize() {
        LoopStats s = new LoopStats();
        s.delivered(5_000, 0, 7);
        LoopSnapshot snap = s.snapshot();
        assertEquals(1, snap.arrivals(5_000));
        assertEquals(7, snap.latestArrival(5_000));
    }

    @Test
    void percentilesAreMillisecondsOfMicroseconds() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1000L);
        }
        Percentiles p = Percentiles.ofMicros(h);
        assertEquals(1000, p.count());
        assertEquals(1.0, p.min());
        assertEquals(500.0, p.p50(), 0.5);
        assertEquals(900.0, p.p90(), 0.5);
        assertEquals(990.0, p.p99(), 0.5);
        assertEquals(999.0, p.p999(), 0.5);
        assertEquals(1000.0, p.max(), 0.5);
        assertEquals(500.5, p.mean(), 0.5);
    }

    @Test
    void emptyHistogramGivesZeros() {
        assertEquals(new Percentiles(0, 0, 0, 0, 0, 0, 0, 0), Percentiles.ofMicros(new Histogram(3)));
    }

    @Test
    void negativeLatencyFromClockSkewIsRecordedAsZero() {
        LoopStats s = new LoopStats();
        s.delivered(0, 500, 400);
        assertEquals(0, s.snapshot().latency().getMaxValue());
    }
}
