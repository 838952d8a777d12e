package dev.tack.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileCurveTest {
    @Test
    void runsFromTheMinimumToTheMaximumInMilliseconds() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1000L); // 1 ms .. 1,000 ms
        }
        PercentileCurve c = PercentileCurve.ofMicros(h);
        int last = c.percentile().length - 1;
        assertEquals(100.0, c.percentile()[last]);
        assertEquals(h.getMaxValue() / 1000.0, c.ms()[last], 0.001);
        assertEquals(1.0, c.ms()[0], 0.001);
        for (int i = 1; i <= last; i++) {
            assertTrue(c.percentile()[i] >= c.percentile()[i - 1], "percentiles rise");
            assertTrue(c.ms()[i] >= c.ms()[i - 1], "latencies rise");
        }
        assertTrue(last > 20 && last < 200, "points: " + last);
    }

    @Test
    void noSamplesIsAnEmptyCurve() {
        PercentileCurve c = PercentileCurve.ofMicros(new Histogram(3));
        assertEquals(0, c.percentile().length);
        assertEquals(0, c.ms().length);
    }
}
