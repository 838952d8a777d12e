package dev.tack.bench.stats;

import java.util.function.LongToIntFunction;
import org.HdrHistogram.Histogram;

/**
 * Per-message fan-out figures from the merged arrivals and the publisher's send times: how long each
 * message took to reach its last subscriber, and how many messages reached every subscriber they should
 * have.
 */
public final class FanoutMath {
    private FanoutMath() {
    }

    /**
     * A histogram (microseconds) of {@code latestArrival(seq) - sentMicros[seq]} over every published message
     * that at least one subscriber received. {@code sentMicros[seq] < 0} marks a message the publish API did
     * not accept; it is skipped.
     */
    public static Histogram lastSubscriberMicros(long[] sentMicros, LoopSnapshot arrivals) {
        Histogram h = new Histogram(3);
        for (int seq = 0; seq < sentMicros.length; seq++) {
            if (sentMicros[seq] >= 0 && arrivals.arrivals(seq) > 0) {
                h.recordValue(Math.max(0, arrivals.latestArrival(seq) - sentMicros[seq]));
            }
        }
        return h;
    }

    /**
     * The number of accepted messages whose arrivals reached {@code expected.applyAsInt(seq)}, the number of
     * subscribers of that message's channel.
     */
    public static long fullyDelivered(long[] sentMicros, LoopSnapshot arrivals, LongToIntFunction expected) {
        long n = 0;
        for (int seq = 0; seq < sentMicros.length; seq++) {
            int want = expected.applyAsInt(seq);
            if (sentMicros[seq] >= 0 && want > 0 && arrivals.arrivals(seq) >= want) {
                n++;
            }
        }
        return n;
    }
}
