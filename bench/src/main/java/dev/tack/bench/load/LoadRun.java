package dev.tack.bench.load;

import dev.tack.bench.client.Swarm;
import dev.tack.bench.message.MicroClock;
import dev.tack.bench.origin.GripOrigin;
import dev.tack.bench.publish.PublishResult;
import dev.tack.bench.publish.Publisher;
import dev.tack.bench.report.HtmlReport;
import dev.tack.bench.report.ReportWriter;
import dev.tack.bench.report.RunReport;
import dev.tack.bench.report.TimeSeries;
import dev.tack.bench.stats.FanoutMath;
import dev.tack.bench.stats.LoopSnapshot;
import dev.tack.bench.stats.ProcStats;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * One load run, phase by phase: start the origin (unless one runs already), connect the swarm at the
 * configured rate, settle, probe until every subscriber has received a probe (so every subscription is
 * live before measuring), publish, drain, then measure and report. Phases are bounded in time, so a run
 * against a broken proxy ends with a report that says what failed.
 */
public final class LoadRun {
    private final LoadConfig config;
    private final PrintStream out;
    private final PrintStream err;
    private final MicroClock clock = new MicroClock();
    private volatile String phase = "start";
    private Swarm swarm;
    private Publisher publisher;
    private Sampler sampler;
    private long progressReceived;
    private double progressSeconds;
    private boolean warnedEnded;

    public LoadRun(LoadConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /** Runs every phase, writes the configured files, prints the summary and returns the report. */
    public RunReport run() throws Exception {
        ProcStats.requireRunning(config.proxyPids());
        String startedAt = Instant.now().toString();
        GripOrigin origin = config.originPort() >= 0 ? GripOrigin.start("127.0.0.1", config.originPort(), 1) : null;
        LoadConfig.Phases phases = config.phases();
        try (GripOrigin o = origin;
                Swarm s = new Swarm(config.swarm(), clock);
                Publisher p = new Publisher(config.publish(), clock, config.swarm().io());
                Sampler sam = new Sampler(phases.sample(), s, p, config.proxyPids(), config.countPort())) {
            swarm = s;
            publisher = p;
            sampler = sam;
            Measurements m = new Measurements();
            try (Progress progress = new Progress(phases.progress(), phases.progressBar(), err, this::status)) {
                warmUp();
                connect(m);
                enter("settle");
                Thread.sleep(phases.settle().toMillis());
                probe();
                m.rssConnected = proxySample();
                m.originConnections = config.countPort() > 0 ? sampler.countOriginConnections() : null;
                if (config.publishes()) {
                    publishAndDrain(m);
                }
                enter("report");
                m.snapshot = swarm.snapshot();
                m.lastSubscriber = m.publish == null ? new Histogram(3)
                        : FanoutMath.lastSubscriberMicros(m.publish.sentMicros(), m.snapshot);
                m.rssAfter = proxySample();
                if (config.countPort() > 0) {
                    sampler.countOriginConnections();
                    m.originPeak = sampler.originPeak();
                }
                m.timeSeries = phases.sample().isZero() ? null : sampler.stop();
            }
            RunReport report = new ReportBuilder(config, startedAt).build(m, swarm);
            writeFiles(report, m);
            out.print(ReportWriter.summary(report));
            out.flush();
            phase = "close";
            return report;
        }
    }

    private void enter(String name) {
        phase = name;
        sampler.phase(name);
    }

    /**
     * Opens and closes {@code --warmup} connections first, through the same code, so that the measured
     * handshakes do not include the load tool's own class loading and JIT compilation.
     */
    private void warmUp() throws Exception {
        int n = config.phases().warmup();
        if (n == 0) {
            return;
        }
        enter("warmup");
        try (Swarm w = new Swarm(config.swarm().warmup(n), clock)) {
            long budgetMs = (long) (n / config.swarm().connectRate() * 1000)
                    + config.swarm().handshakeTimeout().toMillis() + 10_000;
            w.connectAll().get(budgetMs, TimeUnit.MILLISECONDS);
            if (w.failed() > 0) {
                err.println("warm-up: " + w.failed() + " of " + n + " connections failed: " + w.reasons());
            }
        }
        Thread.sleep(1000); // let the server finish closing them
    }

    private void connect(Measurements m) throws InterruptedException {
        m.loadStart = ProcStats.loadAverage();
        m.rssBefore = proxySample();
        enter("connect");
        long start = System.nanoTime();
        long budgetMs = (long) (config.swarm().subscribers() / config.swarm().connectRate() * 1000)
                + config.swarm().handshakeTimeout().toMillis() + 60_000;
        try {
            swarm.connectAll().get(budgetMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            err.println("connect phase still unfinished after " + budgetMs + " ms; going on with "
                    + swarm.made() + " made");
        } catch (ExecutionException e) {
            throw new IllegalStateException("connect phase failed: " + e.getCause(), e.getCause());
        }
        m.connectSeconds = (System.nanoTime() - start) / 1e9;
        m.proxyConnected = proxySample();
    }

    private void probe() throws Exception {
        Duration timeout = config.phases().probeTimeout();
        if (timeout.isZero() || swarm.made() == 0) {
            return;
        }
        enter("probe");
        List<String> channels = new ArrayList<>();
        int[] per = swarm.subscribersPerChannel();
        for (int k = 0; k < per.length; k++) {
            if (per[k] > 0) {
                channels.add(config.swarm().channelName(k));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        BooleanSupplier allReady = () -> swarm.ready() >= swarm.made() - swarm.lost();
        for (long round = 0; System.nanoTime() < deadline && !allReady.getAsBoolean(); round++) {
            publisher.probe(channels, round).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            waitUntil(allReady, Duration.ofSeconds(1));
        }
        if (!allReady.getAsBoolean()) {
            err.println("probe: " + swarm.ready() + " of " + (swarm.made() - swarm.lost())
                    + " subscribers confirmed after " + timeout.toSeconds() + " s; measuring anyway");
        }
    }

    private void publishAndDrain(Measurements m) throws Exception {
        enter("publish");
        m.perChannel = swarm.subscribersPerChannel();
        swarm.resetLag();
        CpuWatch cpu = CpuWatch.start(swarm.loopThreadIds());
        ProcStats.Sample proxyStart = proxySample();
        long budget = config.publish().flatOut() != null ? config.publish().flatOut().toSeconds() + 120
                : (long) (config.publish().messages() / config.publish().rate()) + 120;
        CompletableFuture<PublishResult> publishing = publisher.run(config.swarm()::channelName, m.perChannel);
        Duration stormAt = config.phases().reconnectAt();
        if (stormAt != null) {
            Thread.sleep(stormAt.toMillis());
            enter("reconnect");
            m.stormAtSeconds = cpu.wallSeconds();
            m.stormDropped = swarm.reconnectAll(publisher.attempted() - 1);
            phase = "publish";
        }
        m.publish = publishing.get(budget, TimeUnit.SECONDS);
        m.receivedWhilePublishing = swarm.received();
        enter("drain");
        long[] last = {swarm.received(), System.nanoTime()};
        long idle = config.phases().drainIdle().toNanos();
        waitUntil(() -> {
            long r = swarm.received();
            long now = System.nanoTime();
            if (r != last[0]) {
                last[0] = r;
                last[1] = now;
            }
            return r >= m.publish.expected() || now - last[1] >= idle;
        }, config.phases().drainMax());
        m.clientWallSeconds = cpu.wallSeconds();
        m.clientCpuSeconds = cpu.processCpuSeconds();
        m.loopBusy = cpu.threadBusy();
        m.proxyPublishStart = proxyStart;
        m.proxyPublishEnd = proxySample();
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code max} passed. */
    private static void waitUntil(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private ProcStats.Sample proxySample() {
        if (config.proxyPids().isEmpty()) {
            return null;
        }
        ProcStats.Sample s = ProcStats.sample(config.proxyPids());
        if (!s.ended().isEmpty() && !warnedEnded) {
            warnedEnded = true;
            err.println("proxy process(es) " + s.ended() + " ended during the run; their memory and CPU are "
                    + "no longer counted");
        }
        return s;
    }

    private void writeFiles(RunReport report, Measurements m) throws IOException {
        LoadConfig.Output o = config.output();
        if (o.hgrmPrefix() != null) {
            ReportWriter.writeHgrm(m.snapshot.latency(), ReportBuilder.hgrmPath(o.hgrmPrefix(), "latency"));
            ReportWriter.writeHgrm(m.lastSubscriber, ReportBuilder.hgrmPath(o.hgrmPrefix(), "last-subscriber"));
        }
        if (o.json() != null) {
            ReportWriter.writeJson(report, o.json());
        }
        if (o.html() != null) {
            HtmlReport.writeRun(report, o.html());
        }
    }

    private Progress.Status status() {
        Swarm s = swarm;
        Publisher p = publisher;
        String ph = phase;
        if (s == null || p == null) {
            return new Progress.Status(ph, 0, 0, "", ph);
        }
        long received = s.received();
        double now = System.nanoTime() / 1e9;
        double perSecond = progressSeconds == 0 ? 0 : (received - progressReceived) / (now - progressSeconds);
        progressReceived = received;
        progressSeconds = now;
        String line = String.format(Locale.ROOT,
                "%-7s conn %d/%d failed %d pending %d lost %d | subscribed %d | published %d/%d | received %d/%d (%.0f/s)",
                ph, s.made(), config.swarm().subscribers(), s.failed(), s.pending(), s.lost(), s.ready(),
                p.accepted(), p.attempted(), received, p.expected(), perSecond);
        return switch (ph) {
            case "connect" -> new Progress.Status(ph, s.made() + s.failed(), config.swarm().subscribers(),
                    "failed " + s.failed() + " pending " + s.pending(), line);
            case "probe" -> new Progress.Status(ph, s.ready(), s.made() - s.lost(), "subscribed", line);
            case "publish", "reconnect" -> new Progress.Status(ph, publishedSoFar(p), publishTotal(),
                    String.format(Locale.ROOT, "received %d (%.0f/s) lost conn %d", received, perSecond, s.lost()),
                    line);
            case "drain" -> new Progress.Status(ph, received, p.expected(), "received", line);
            default -> new Progress.Status(ph, 0, 0, "", line);
        };
    }

    /** Messages sent so far, or for a flat-out run the milliseconds spent publishing. */
    private long publishedSoFar(Publisher p) {
        return config.publish().flatOut() == null ? p.attempted() : p.publishingMillis();
    }

    private long publishTotal() {
        return config.publish().flatOut() == null ? config.publish().messages() : config.publish().flatOut().toMillis();
    }

    /** What the phases measured, for {@link ReportBuilder}. */
    static final class Measurements {
        double loadStart;
        ProcStats.Sample rssBefore;
        ProcStats.Sample proxyConnected;
        ProcStats.Sample rssConnected;
        Long originConnections;
        long originPeak;
        double stormAtSeconds;
        int stormDropped = -1;
        TimeSeries timeSeries;
        ProcStats.Sample rssAfter;
        double connectSeconds;
        int[] perChannel;
        PublishResult publish;
        long receivedWhilePublishing;
        double clientWallSeconds;
        double clientCpuSeconds;
        List<Double> loopBusy = List.of();
        ProcStats.Sample proxyPublishStart;
        ProcStats.Sample proxyPublishEnd;
        LoopSnapshot snapshot;
        Histogram lastSubscriber;
    }
}
