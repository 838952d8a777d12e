package dev.tack.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tack.bench.stats.Percentiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Writes a {@link RunReport} as JSON and text, and histograms as {@code .hgrm} files. */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** The report as indented JSON. */
    public static String json(RunReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException("report cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** Writes {@link #json} to {@code file}, creating its directory. */
    public static void writeJson(RunReport report, Path file) throws IOException {
        createParent(file);
        Files.writeString(file, json(report) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code micros} as an HdrHistogram percentile distribution in milliseconds, the text format the
     * HdrHistogram plotter and {@code hdr-plot} read.
     */
    public static void writeHgrm(Histogram micros, Path file) throws IOException {
        createParent(file);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            micros.outputPercentileDistribution(out, 5, 1000.0);
        }
    }

    /** A few lines for the terminal. */
    public static String summary(RunReport r) {
        StringBuilder sb = new StringBuilder();
        RunReport.Connections c = r.connections();
        RunReport.Deliveries d = r.deliveries();
        RunReport.Publish p = r.publish();
        line(sb, "run            %s (%s, %d subscribers, %d channels)", r.label(), r.scenario().transports(),
                r.scenario().subscribers(), r.scenario().channels());
        line(sb, "connections    made %d, failed %d, subscribed %d, lost %d (%.1f s to connect)", c.made(),
                c.failed(), c.ready(), c.lost(), c.connectSeconds());
        c.reasons().forEach((k, v) -> line(sb, "                 %6d x %s", v, k));
        if (r.handshakeMs() != null && r.handshakeMs().count() > 0) {
            line(sb, "handshake      %s", ms(r.handshakeMs()));
        }
        line(sb, "published      %d sent, %d accepted, %d rejected, %d errors in %.2f s (%.1f msg/s)",
                p.attempted(), p.accepted(), p.rejected(), p.errors(), p.seconds(), p.messagesPerSecond());
        p.reasons().forEach((k, v) -> line(sb, "                 %6d x %s", v, k));
        line(sb, "deliveries     expected %d, received %d, lost %d, duplicates %d, fully delivered msgs %d",
                d.expected(), d.received(), d.lost(), d.duplicates(), d.messagesFullyDelivered());
        line(sb, "rate           %.0f deliveries/s overall, %.0f/s while publishing", d.perSecond(),
                d.perSecondWhilePublishing());
        if (d.repolls() > 0) {
            line(sb, "long-poll      %d re-polls, gap %s, missed in gaps %d", d.repolls(), ms(d.repollGapMs()),
                    d.missedInSequence());
        }
        line(sb, "latency        %s", ms(r.latencyMs()));
        line(sb, "last receiver  %s", ms(r.lastSubscriberMs()));
        if (r.reconnect() != null) {
            RunReport.Reconnect s = r.reconnect();
            line(sb, "reconnect      %d dropped at %.1f s, %d reconnected, %d caught up, %d messages skipped across",
                    s.dropped(), s.atSeconds(), s.reconnected(), s.caughtUp(), s.missedAcrossReconnect());
            line(sb, "  handshake    %s", ms(s.handshakeMs()));
            line(sb, "  catch-up     %s", ms(s.catchUpMs()));
        }
        if (r.proxy() != null && r.proxy().rssBeforeKb() != null) {
            RunReport.ProxyUsage u = r.proxy();
            line(sb, "proxy RSS      before %d KiB, connected %d KiB, after %d KiB, %s bytes/connection",
                    u.rssBeforeKb(), u.rssConnectedKb(), u.rssAfterKb(),
                    u.rssPerConnectionBytes() == null ? "-" : String.format(Locale.ROOT, "%.0f", u.rssPerConnectionBytes()));
            if (u.cpuMsPerConnection() != null) {
                line(sb, "proxy connect  %.2f s CPU while connecting, %.3f ms per new connection",
                        u.cpuSecondsConnecting(), u.cpuMsPerConnection());
            }
            if (u.originConnections() != null) {
                line(sb, "origin conns   %d held once connected, %d at most", u.originConnections(),
                        u.originConnectionsPeak());
            }
            if (u.cpuCoresPublishing() != null) {
                line(sb, "proxy CPU      %.2f s (%.2f cores) while publishing", u.cpuSecondsPublishing(),
                        u.cpuCoresPublishing());
            }
            StringBuilder each = new StringBuilder();
            for (RunReport.ProxyProcess proc : u.processes()) {
                each.append(String.format(Locale.ROOT, "%s%s %d MiB%s", each.length() == 0 ? "" : ", ", proc.name(),
                        proc.rssConnectedKb() / 1024, proc.cpuCoresPublishing() == null ? ""
                                : String.format(Locale.ROOT, " %.2f cores", proc.cpuCoresPublishing())));
            }
            line(sb, "per process    %s", each);
        }
        if (r.client() != null) {
            RunReport.ClientUsage u = r.client();
            line(sb, "client CPU     %.2f s (%.2f cores), loop busy %s, loop lag p99 %.1f ms max %.1f ms",
                    u.cpuSeconds(), u.cpuCores(), u.loopBusy(), u.loopLagMs().p99(), u.loopLagMs().max());
        }
        line(sb, "host           %d CPUs, load average %.2f at start, %.2f at end", r.host().cpus(),
                r.host().loadAverageStart(), r.host().loadAverageEnd());
        r.files().forEach((k, v) -> line(sb, "wrote          %s %s", k, v));
        return sb.toString();
    }

    private static String ms(Percentiles p) {
        return String.format(Locale.ROOT, "p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms (n=%d)",
                p.p50(), p.p90(), p.p99(), p.p999(), p.max(), p.count());
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
