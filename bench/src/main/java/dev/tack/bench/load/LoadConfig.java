package dev.tack.bench.load;

import dev.tack.bench.client.SwarmConfig;
import dev.tack.bench.publish.PublishConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a load run needs, validated.
 *
 * @param swarm      the subscribers
 * @param publish    the publisher
 * @param phases     how long each phase may take
 * @param output     where results go
 * @param proxyPids  the proxy's processes, for RSS and CPU; empty to skip
 * @param originPort the port of the in-process GRIP origin, or -1 not to start one
 * @param countPort  the port whose established connections from the proxy's processes are counted (the
 *                   origin's: how many origin connections the proxy holds), or -1 not to count
 */
public record LoadConfig(SwarmConfig swarm, PublishConfig publish, Phases phases, Output output,
        List<Long> proxyPids, int originPort, int countPort) {

    /**
     * Phase timing.
     *
     * @param settle       wait after the last connection before probing
     * @param probeTimeout how long to keep probing for subscriptions to go live; zero skips probing
     * @param drainIdle    after publishing, stop waiting once no delivery arrived for this long
     * @param drainMax     after publishing, stop waiting after this long in any case
     * @param progress     how often the progress line is printed; zero for never
     * @param progressBar  whether progress is one bar redrawn in place (a terminal) instead of lines
     * @param sample       how often the time series is sampled; zero for never
     * @param reconnectAt  when set, every subscriber drops its connection and reconnects at once this long
     *                     after publishing began (a reconnect storm); null for no storm
     * @param warmup       connections opened and closed before the measured ones, to warm the tool up
     */
    public record Phases(Duration settle, Duration probeTimeout, Duration drainIdle, Duration drainMax,
            Duration progress, boolean progressBar, Duration sample, Duration reconnectAt, int warmup) {
        public Phases {
            if (warmup < 0) {
                throw new IllegalArgumentException("warm-up connections: " + warmup + " (expected: >= 0)");
            }
            for (Duration d : List.of(settle, probeTimeout, drainIdle, drainMax, progress, sample)) {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("duration: " + d + " (expected: >= 0)");
                }
            }
            if (reconnectAt != null && reconnectAt.isNegative()) {
                throw new IllegalArgumentException("reconnect at: " + reconnectAt + " (expected: >= 0)");
            }
        }
    }

    /**
     * Outputs.
     *
     * @param label      a name for the run, written into the report
     * @param json       the JSON report file, or null
     * @param hgrmPrefix {@code <prefix>.latency.hgrm} and {@code <prefix>.last-subscriber.hgrm}, or null
     * @param html       the HTML report with charts, or null
     */
    public record Output(String label, Path json, Path hgrmPrefix, Path html) {
    }

    public LoadConfig {
        proxyPids = List.copyOf(proxyPids);
        for (long pid : proxyPids) {
            if (pid <= 0) {
                throw new IllegalArgumentException("proxy PID: " + pid + " (expected: a positive process id)");
            }
        }
        if (originPort < -1 || originPort > 65535) {
            throw new IllegalArgumentException("origin port: " + originPort + " (expected: 1-65535)");
        }
        if (countPort < -1 || countPort == 0 || countPort > 65535) {
            throw new IllegalArgumentException("port to count connections to: " + countPort + " (expected: 1-65535)");
        }
        if (countPort > 0 && proxyPids.isEmpty()) {
            throw new IllegalArgumentException("counting connections to port " + countPort
                    + " needs the proxy's processes (expected: --proxy-pid as well)");
        }
    }

    /** Whether the run publishes measured messages at all. */
    public boolean publishes() {
        return publish.flatOut() != null || publish.messages() > 0;
    }
}
