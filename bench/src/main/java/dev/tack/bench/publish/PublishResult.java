package dev.tack.bench.publish;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a publishing run did.
 *
 * @param attempted       messages sent to the publish API
 * @param accepted        messages it answered with 2xx
 * @param rejected        messages it answered with another status
 * @param errors          messages that got no answer (connect or connection failure)
 * @param reasons         rejection and error texts with their counts
 * @param firstSendMicros when the first message was due or sent
 * @param endMicros       when the last answer came
 * @param apiLatency      microseconds from writing a request to its answer
 * @param sentMicros      per sequence number, the time stamped into the message, or -1 if not accepted
 * @param expected        deliveries the accepted messages should cause, given the subscriber counts
 */
public record PublishResult(long attempted, long accepted, long rejected, long errors, Map<String, Long> reasons,
        long firstSendMicros, long endMicros, Histogram apiLatency, long[] sentMicros, long expected) {
}
