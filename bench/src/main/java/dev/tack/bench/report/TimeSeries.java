package dev.tack.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the run looked like over time, sampled at a fixed interval, one array per figure (the shape charting
 * libraries take). Counts are cumulative since the run started; rates are differences of neighbours.
 * The proxy columns are absent without proxy PIDs, the origin-connection column without a port to count.
 *
 * @param intervalSeconds   the sampling interval
 * @param phases            when each phase (connect, settle, probe, publish, drain...) began
 * @param seconds           the time of each sample since the run started
 * @param made              connections made so far
 * @param failed            connections failed so far
 * @param lost              made connections lost so far
 * @param subscribed        subscribers confirmed by a probe so far
 * @param published         measured messages the publish API accepted so far
 * @param received          measured deliveries received so far
 * @param proxyRssKb        the proxy's summed RSS
 * @param proxyCpuSeconds   the proxy's summed CPU time since the run started
 * @param originConnections the proxy's established connections to the origin port (counted about once a
 *                          second; samples in between repeat the last count)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimeSeries(double intervalSeconds, List<Phase> phases, double[] seconds, long[] made, long[] failed,
        long[] lost, long[] subscribed, long[] published, long[] received, long[] proxyRssKb,
        double[] proxyCpuSeconds, long[] originConnections) {

    /** A phase and when it began, in seconds since the run started. */
    public record Phase(String name, double startSeconds) {
    }
}
