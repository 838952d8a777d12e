package dev.tack.bench.stats;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A copy of what one event loop (or, after {@link #merge}, all of them) recorded. Histograms hold
 * microseconds; {@code arrivalCounts[seq]} and {@code latestArrival[seq]} are per message sequence number.
 * The repoll-gap histogram's count is the number of long-poll re-polls.
 */
public record LoopSnapshot(
        Histogram latency,
        Histogram repollGap,
        Histogram lag,
        int[] arrivalCounts,
        long[] latestArrival,
        long received,
        long ready,
        long duplicates,
        long missed,
        long unparsed,
        Connecting connecting) {

    /**
     * Connection set-up: each first connection's handshake latency (connect to response head), and for a
     * reconnect storm each new connection's handshake latency, each subscriber's time from the drop until it
     * caught up, and the messages skipped across the reconnect. Histograms hold microseconds.
     */
    public record Connecting(Histogram handshake, Histogram reconnected, Histogram catchUp,
            long missedAcrossReconnect) {
    }

    /** One snapshot holding the sums, and for arrival times the maxima, of {@code parts}. */
    public static LoopSnapshot merge(List<LoopSnapshot> parts) {
        Histogram latency = new Histogram(3);
        Histogram gap = new Histogram(3);
        Histogram lag = new Histogram(3);
        int size = 0;
        for (LoopSnapshot p : parts) {
            size = Math.max(size, p.arrivalCounts.length);
        }
        int[] counts = new int[size];
        long[] latest = new long[size];
        long received = 0;
        long ready = 0;
        long duplicates = 0;
        long missed = 0;
        long unparsed = 0;
        Histogram handshake = new Histogram(3);
        Histogram reconnected = new Histogram(3);
        Histogram catchUp = new Histogram(3);
        long missedAcross = 0;
        for (LoopSnapshot p : parts) {
            handshake.add(p.connecting.handshake());
            reconnected.add(p.connecting.reconnected());
            catchUp.add(p.connecting.catchUp());
            missedAcross += p.connecting.missedAcrossReconnect();
            latency.add(p.latency);
            gap.add(p.repollGap);
            lag.add(p.lag);
            for (int i = 0; i < p.arrivalCounts.length; i++) {
                counts[i] += p.arrivalCounts[i];
                latest[i] = Math.max(latest[i], p.latestArrival[i]);
            }
            received += p.received;
            ready += p.ready;
            duplicates += p.duplicates;
            missed += p.missed;
            unparsed += p.unparsed;
        }
        return new LoopSnapshot(latency, gap, lag, counts, latest, received, ready, duplicates, missed, unparsed,
                new Connecting(handshake, reconnected, catchUp, missedAcross));
    }

    /** How many deliveries of message {@code seq} arrived. */
    public int arrivals(long seq) {
        return seq < arrivalCounts.length ? arrivalCounts[(int) seq] : 0;
    }

    /** When the latest delivery of message {@code seq} arrived, or 0 when none did. */
    public long latestArrival(long seq) {
        return seq < latestArrival.length ? latestArrival[(int) seq] : 0;
    }
}
