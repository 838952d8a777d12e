package dev.tack.bench.load;

import dev.tack.bench.client.Swarm;
import dev.tack.bench.publish.Publisher;
import dev.tack.bench.report.TimeSeries;
import dev.tack.bench.stats.ProcStats;
import dev.tack.bench.stats.TcpConnections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records the run's {@link TimeSeries}: every interval, on its own daemon thread, the swarm's and the
 * publisher's counters and (with proxy PIDs) the proxy's RSS and CPU; the proxy's connections to the
 * origin port at most once a second, because listing the descriptors of a proxy holding 20,000 connections
 * takes a few milliseconds. Memory: about 100 bytes per sample, 4 samples a second by default.
 */
final class Sampler implements AutoCloseable {
    private static final long ORIGIN_COUNT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Duration interval;
    private final Swarm swarm;
    private final Publisher publisher;
    private final List<Long> proxyPids;
    private final int originPort;
    private final long startNanos = System.nanoTime();
    private final List<TimeSeries.Phase> phases = new ArrayList<>();
    private final List<long[]> rows = new ArrayList<>();
    private final List<Double> seconds = new ArrayList<>();
    private final List<Double> cpu = new ArrayList<>();
    private double cpuAtStart = -1;
    private long originCount;
    private long originCountedAt = System.nanoTime() - ORIGIN_COUNT_NANOS;
    private long originPeak;

    /**
     * Starts sampling.
     *
     * @param originPort the origin's port whose connections from the proxy to count, or -1 for none
     */
    Sampler(Duration interval, Swarm swarm, Publisher publisher, List<Long> proxyPids, int originPort) {
        this.interval = interval;
        this.swarm = swarm;
        this.publisher = publisher;
        this.proxyPids = List.copyOf(proxyPids);
        this.originPort = originPort;
        if (!interval.isZero()) {
            long ms = Math.max(1, interval.toMillis());
            timer.scheduleAtFixedRate(this::sample, 0, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Notes that phase {@code name} begins now. */
    synchronized void phase(String name) {
        phases.add(new TimeSeries.Phase(name, round(seconds())));
    }

    /** The most connections to the origin port counted so far. */
    synchronized long originPeak() {
        return originPeak;
    }

    /** Counts the proxy's connections to the origin port now (also remembered as the latest count). */
    synchronized long countOriginConnections() {
        if (originPort < 0 || proxyPids.isEmpty()) {
            return 0;
        }
        originCount = TcpConnections.established(proxyPids, originPort);
        originCountedAt = System.nanoTime();
        originPeak = Math.max(originPeak, originCount);
        return originCount;
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private synchronized void sample() {
        try {
            record();
        } catch (RuntimeException e) {
            // A /proc read racing with a process ending: skip this sample, keep the timer running.
        }
    }

    private void record() {
        long rss = 0;
        if (!proxyPids.isEmpty()) {
            ProcStats.Sample s = ProcStats.sample(proxyPids);
            rss = s.rssKb();
            if (cpuAtStart < 0) {
                cpuAtStart = s.cpuSeconds();
            }
            cpu.add(round(s.cpuSeconds() - cpuAtStart));
            if (originPort >= 0 && System.nanoTime() - originCountedAt >= ORIGIN_COUNT_NANOS) {
                countOriginConnections();
            }
        }
        seconds.add(round(seconds()));
        rows.add(new long[] {swarm.made(), swarm.failed(), swarm.lost(), swarm.ready(), publisher.accepted(),
            swarm.received(), rss, originCount});
    }

    /** Takes a last sample, stops sampling and returns what was recorded. */
    synchronized TimeSeries stop() {
        timer.shutdownNow();
        sample();
        int n = rows.size();
        long[][] cols = new long[8][n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = seconds.get(i);
            for (int c = 0; c < 8; c++) {
                cols[c][i] = rows.get(i)[c];
            }
        }
        boolean proxy = !proxyPids.isEmpty();
        double[] cpuSeconds = proxy ? cpu.stream().mapToDouble(Double::doubleValue).toArray() : null;
        return new TimeSeries(interval.toMillis() / 1000.0, List.copyOf(phases), t, cols[0], cols[1], cols[2],
                cols[3], cols[4], cols[5], proxy ? cols[6] : null, cpuSeconds,
                proxy && originPort >= 0 ? cols[7] : null);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
