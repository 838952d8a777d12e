package dev.tack.bench.load;

import dev.tack.bench.client.Swarm;
import dev.tack.bench.client.SwarmConfig;
import dev.tack.bench.publish.PublishConfig;
import dev.tack.bench.publish.PublishResult;
import dev.tack.bench.report.RunReport;
import dev.tack.bench.stats.FanoutMath;
import dev.tack.bench.stats.LoopSnapshot;
import dev.tack.bench.stats.PercentileCurve;
import dev.tack.bench.stats.Percentiles;
import dev.tack.bench.stats.ProcStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Turns the measurements of a {@link LoadRun} into a {@link RunReport}. */
final class ReportBuilder {
    private final LoadConfig config;
    private final String startedAt;

    ReportBuilder(LoadConfig config, String startedAt) {
        this.config = config;
        this.startedAt = startedAt;
    }

    /** {@code <prefix>.<name>.hgrm}. */
    static Path hgrmPath(Path prefix, String name) {
        return Path.of(prefix + "." + name + ".hgrm");
    }

    RunReport build(LoadRun.Measurements m, Swarm swarm) {
        SwarmConfig s = config.swarm();
        PublishConfig p = config.publish();
        LoopSnapshot snap = m.snapshot;
        Duration stormAt = config.phases().reconnectAt();
        RunReport.Scenario scenario = new RunReport.Scenario("http://" + s.host() + ":" + s.port(),
                p.url().toString(), p.api().name().toLowerCase(), s.mix().toString(), s.subscribers(), s.channels(),
                p.flatOut() != null ? 0 : p.messages(), p.rate(),
                p.flatOut() != null ? p.flatOut().toMillis() / 1000.0 : null, p.payloadBytes(), s.threads(),
                s.io().resolve().name().toLowerCase(), s.connectRate(), s.maxPending(), s.sourceIps(),
                stormAt == null ? null : stormAt.toMillis() / 1000.0);
        RunReport.Connections connections = new RunReport.Connections(swarm.made() + swarm.failed() + swarm.pending(),
                swarm.made(), swarm.failed(), snap.ready(), swarm.lost(), swarm.reconnects(),
                round(m.connectSeconds), swarm.reasons());
        PublishResult pub = m.publish;
        RunReport.Deliveries deliveries = deliveries(m, snap, pub);
        RunReport.Publish publish = pub == null
                ? new RunReport.Publish(0, 0, 0, 0, 0, 0, Percentiles.ofMicros(new Histogram(3)), Map.of())
                : new RunReport.Publish(pub.attempted(), pub.accepted(), pub.rejected(), pub.errors(),
                        round(seconds(pub.firstSendMicros(), pub.endMicros())),
                        round(pub.attempted() / Math.max(1e-6, seconds(pub.firstSendMicros(), pub.endMicros()))),
                        Percentiles.ofMicros(pub.apiLatency()), pub.reasons());
        LoopSnapshot.Connecting conn = snap.connecting();
        RunReport.Charts charts = new RunReport.Charts(PercentileCurve.ofMicros(snap.latency()),
                PercentileCurve.ofMicros(m.lastSubscriber), PercentileCurve.ofMicros(conn.handshake()),
                m.stormDropped < 0 ? null : PercentileCurve.ofMicros(conn.reconnected()),
                m.stormDropped < 0 ? null : PercentileCurve.ofMicros(conn.catchUp()), m.timeSeries);
        return new RunReport(config.output().label(), startedAt, scenario, connections, deliveries, publish,
                Percentiles.ofMicros(snap.latency()), Percentiles.ofMicros(m.lastSubscriber),
                Percentiles.ofMicros(conn.handshake()), reconnect(m, conn), proxy(m, swarm.made()), client(m, snap),
                new RunReport.Host(Runtime.getRuntime().availableProcessors(), m.loadStart, ProcStats.loadAverage()),
                files(), charts);
    }

    private static RunReport.Reconnect reconnect(LoadRun.Measurements m, LoopSnapshot.Connecting conn) {
        if (m.stormDropped < 0) {
            return null;
        }
        return new RunReport.Reconnect(m.stormDropped, round(m.stormAtSeconds), conn.reconnected().getTotalCount(),
                Percentiles.ofMicros(conn.reconnected()), conn.catchUp().getTotalCount(),
                Percentiles.ofMicros(conn.catchUp()), conn.missedAcrossReconnect());
    }

    private static RunReport.Deliveries deliveries(LoadRun.Measurements m, LoopSnapshot snap, PublishResult pub) {
        long expected = pub == null ? 0 : pub.expected();
        long full = 0;
        double perSecond = 0;
        double whilePublishing = 0;
        if (pub != null) {
            int[] per = m.perChannel;
            full = FanoutMath.fullyDelivered(pub.sentMicros(), snap, seq -> per[(int) (seq % per.length)]);
            long lastArrival = 0;
            for (long t : snap.latestArrival()) {
                lastArrival = Math.max(lastArrival, t);
            }
            perSecond = snap.received() / Math.max(1e-6, seconds(pub.firstSendMicros(), lastArrival));
            whilePublishing = m.receivedWhilePublishing / Math.max(1e-6, seconds(pub.firstSendMicros(), pub.endMicros()));
        }
        return new RunReport.Deliveries(expected, snap.received(), Math.max(0, expected - snap.received()),
                snap.duplicates(), snap.missed(), snap.unparsed(), full, round(perSecond), round(whilePublishing),
                snap.repollGap().getTotalCount(), Percentiles.ofMicros(snap.repollGap()));
    }

    private RunReport.ProxyUsage proxy(LoadRun.Measurements m, long made) {
        if (config.proxyPids().isEmpty()) {
            return null;
        }
        ProcStats.Sample before = m.rssBefore;
        ProcStats.Sample connected = m.rssConnected;
        Double perConnection = made == 0 ? null
                : round((connected.rssKb() - before.rssKb()) * 1024.0 / made);
        Double connecting = m.proxyConnected == null ? null : round(m.proxyConnected.cpuSeconds() - before.cpuSeconds());
        Double msPerConnection = connecting == null || made == 0 ? null : round(connecting * 1000 / made);
        ProcStats.Sample start = m.proxyPublishStart;
        ProcStats.Sample end = m.proxyPublishEnd;
        boolean published = start != null && end != null && m.clientWallSeconds > 0;
        Double cpu = published ? round(end.cpuSeconds() - start.cpuSeconds()) : null;
        Double cores = published ? round((end.cpuSeconds() - start.cpuSeconds()) / m.clientWallSeconds) : null;
        List<RunReport.ProxyProcess> processes = new ArrayList<>();
        for (ProcStats.Process p : connected.processes()) {
            Double processCores = null;
            if (published && start.process(p.pid()) != null && end.process(p.pid()) != null) {
                processCores = round((end.process(p.pid()).cpuSeconds() - start.process(p.pid()).cpuSeconds())
                        / m.clientWallSeconds);
            }
            processes.add(new RunReport.ProxyProcess(p.pid(), p.name(), p.rssKb(), processCores));
        }
        List<Long> ended = m.rssAfter.ended().isEmpty() ? null : m.rssAfter.ended();
        return new RunReport.ProxyUsage(config.proxyPids(), ended, before.rssKb(), connected.rssKb(),
                m.rssAfter.rssKb(), perConnection, connecting, msPerConnection, cpu, cores, m.originConnections,
                m.originConnections == null ? null : m.originPeak, processes);
    }

    private static RunReport.ClientUsage client(LoadRun.Measurements m, LoopSnapshot snap) {
        if (m.publish == null) {
            return null;
        }
        double cores = m.clientWallSeconds == 0 ? 0 : m.clientCpuSeconds / m.clientWallSeconds;
        return new RunReport.ClientUsage(round(m.clientWallSeconds), round(m.clientCpuSeconds), round(cores),
                m.loopBusy, Percentiles.ofMicros(snap.lag()));
    }

    private Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        LoadConfig.Output o = config.output();
        if (o.json() != null) {
            files.put("json", o.json().toString());
        }
        if (o.hgrmPrefix() != null) {
            files.put("latencyHgrm", hgrmPath(o.hgrmPrefix(), "latency").toString());
            files.put("lastSubscriberHgrm", hgrmPath(o.hgrmPrefix(), "last-subscriber").toString());
        }
        if (o.html() != null) {
            files.put("html", o.html().toString());
        }
        return files;
    }

    private static double seconds(long fromMicros, long toMicros) {
        return Math.max(0, toMicros - fromMicros) / 1e6;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
