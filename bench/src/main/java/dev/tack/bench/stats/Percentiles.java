package dev.tack.bench.stats;

import org.HdrHistogram.Histogram;

/** The usual summary of a latency distribution, in milliseconds, from a histogram of microseconds. */
public record Percentiles(long count, double min, double mean, double p50, double p90, double p99, double p999,
        double max) {

    /** The summary of {@code micros}; all zeros when it is empty. */
    public static Percentiles ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(micros.getTotalCount(),
                ms(micros.getMinValue()),
                round(micros.getMean() / 1000.0),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000.0) / 1000.0;
    }
}
