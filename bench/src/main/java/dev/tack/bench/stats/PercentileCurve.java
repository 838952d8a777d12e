package dev.tack.bench.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency distribution as points to plot: for each percentile (0-100), the latency in milliseconds at or
 * below which that share of the samples fell. The points are the ones of an HdrHistogram percentile
 * distribution ({@code .hgrm}, 5 ticks per half distance), denser towards the tail, so a plot over
 * {@code 1 / (1 - percentile/100)} on a log axis shows p50, p99, p99.9 and the maximum evenly.
 */
public record PercentileCurve(double[] percentile, double[] ms) {
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    /** The curve of {@code micros}; empty when it has no samples. */
    public static PercentileCurve ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new PercentileCurve(new double[0], new double[0]);
        }
        int n = 0;
        for (HistogramIterationValue ignored : micros.percentiles(TICKS_PER_HALF_DISTANCE)) {
            n++;
        }
        double[] p = new double[n];
        double[] ms = new double[n];
        int i = 0;
        for (HistogramIterationValue v : micros.percentiles(TICKS_PER_HALF_DISTANCE)) {
            p[i] = v.getPercentileLevelIteratedTo();
            ms[i] = v.getValueIteratedTo() / 1000.0;
            i++;
        }
        return new PercentileCurve(p, ms);
    }
}
