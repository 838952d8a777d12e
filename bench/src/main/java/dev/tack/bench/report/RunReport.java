package dev.tack.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tack.bench.stats.PercentileCurve;
import dev.tack.bench.stats.Percentiles;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code bench load} run measured. Latencies are milliseconds; memory is KiB unless the name
 * says bytes. Fields that need proxy PIDs are {@code null} without them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
        String label,
        String startedAt,
        Scenario scenario,
        Connections connections,
        Deliveries deliveries,
        Publish publish,
        Percentiles latencyMs,
        Percentiles lastSubscriberMs,
        Percentiles handshakeMs,
        Reconnect reconnect,
        ProxyUsage proxy,
        ClientUsage client,
        Host host,
        Map<String, String> files,
        Charts charts) {

    /**
     * The data behind the HTML report's charts: percentile curves of the delivery latency, the time until the
     * last subscriber, the handshake latency (and for a reconnect storm the new handshakes and the catch-up
     * times), and the time series.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Charts(PercentileCurve latency, PercentileCurve lastSubscriber, PercentileCurve handshake,
            PercentileCurve reconnectHandshake, PercentileCurve catchUp, TimeSeries timeSeries) {
    }

    /**
     * A reconnect storm: {@code dropped} subscribers closed their connections at once {@code atSeconds} after
     * publishing began and opened new ones (SSE with {@code Last-Event-ID}); {@code reconnected} got a response
     * head again, after {@code handshakeMs}. A subscriber caught up when it received the last message of its
     * channel published before the drop, or a later one ({@code catchUpMs} from the drop; {@code caughtUp} of
     * them did). {@code missedAcrossReconnect} counts the messages the reconnected subscribers skipped between
     * their last message before the drop and their first after it: what history would have replayed.
     */
    public record Reconnect(long dropped, double atSeconds, long reconnected, Percentiles handshakeMs,
            long caughtUp, Percentiles catchUpMs, long missedAcrossReconnect) {
    }

    /**
     * The machine while the run went: its CPU count and 1-minute load average when the run started and
     * ended. Other work on the box (a compiler, another test) shows up here and skews every figure.
     */
    public record Host(int cpus, double loadAverageStart, double loadAverageEnd) {
    }

    /** What was asked for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scenario(String url, String publishUrl, String publishApi, String transports, int subscribers,
            int channels, int messages, double rate, Double flatOutSeconds, int payloadBytes, int threads, String io,
            double connectRate, int maxPending, int sourceIps, Double reconnectAtSeconds) {
    }

    /**
     * Connections: {@code made} reached their first response (or sent a long-poll request); {@code ready}
     * received a probe, i.e. were subscribed; {@code lost} ended during the run without being asked to.
     */
    public record Connections(long attempted, long made, long failed, long ready, long lost, long pollReconnects,
            double connectSeconds, Map<String, Long> reasons) {
    }

    /**
     * Deliveries of measured messages. {@code expected} = for every accepted message, the subscribers its
     * channel had when publishing began; {@code lost} = expected - received; {@code missedInSequence} counts
     * sequence jumps seen by subscribers (for long-poll subscribers, messages published between a response
     * and the next poll).
     */
    public record Deliveries(long expected, long received, long lost, long duplicates, long missedInSequence,
            long unparsed, long messagesFullyDelivered, double perSecond, double perSecondWhilePublishing,
            long repolls, Percentiles repollGapMs) {
    }

    /** The publish side: messages sent, accepted, refused or unanswered, and the publish API's latency. */
    public record Publish(long attempted, long accepted, long rejected, long errors, double seconds,
            double messagesPerSecond, Percentiles apiLatencyMs, Map<String, Long> reasons) {
    }

    /**
     * The proxy's processes: RSS summed over {@code pids} before any subscriber connected, once all were
     * connected and subscribed, and at the end; CPU while publishing and draining. {@code endedPids} lists
     * processes that were gone by the end (not counted from then on); {@code processes} breaks the figures
     * down per process. {@code cpuSecondsConnecting} is the proxy's CPU time during the connect phase and
     * {@code cpuMsPerConnection} that divided by the connections made. {@code originConnections} is how many
     * established connections the proxy held to the counted port (its origin) once all subscribers were
     * connected, {@code originConnectionsPeak} the most seen during the run (both only when counted).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProxyUsage(List<Long> pids, List<Long> endedPids, Long rssBeforeKb, Long rssConnectedKb,
            Long rssAfterKb, Double rssPerConnectionBytes, Double cpuSecondsConnecting, Double cpuMsPerConnection,
            Double cpuSecondsPublishing, Double cpuCoresPublishing, Long originConnections,
            Long originConnectionsPeak, List<ProxyProcess> processes) {
    }

    /** One proxy process: RSS once all subscribers were connected, and CPU while publishing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProxyProcess(long pid, String name, long rssConnectedKb, Double cpuCoresPublishing) {
    }

    /**
     * The load tool's own cost while publishing and draining: process CPU, each subscriber event loop's
     * busy fraction (CPU time / wall time) and how late a 10 ms task on the loops ran. Absent when the run
     * published nothing.
     */
    public record ClientUsage(double wallSeconds, double cpuSeconds, double cpuCores, List<Double> loopBusy,
            Percentiles loopLagMs) {
    }
}
