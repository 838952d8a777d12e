package dev.tack.bench.load;

import dev.tack.bench.client.IoKind;
import dev.tack.bench.client.SwarmConfig;
import dev.tack.bench.client.TransportMix;
import dev.tack.bench.publish.PublishApi;
import dev.tack.bench.publish.PublishConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench load}: the command line of a load run. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Open subscribers through a Pushpin-compatible proxy, publish timestamped messages through "
                + "its HTTP publish API, and report connections, deliveries, latency percentiles and proxy memory. "
                + "The proxy must route * to the bench origin with over_http (started here unless --no-origin).",
        footer = {"", "Examples:",
            "  bench load -n 5000 -t sse -m 50 -r 10 --proxy-pid 123,124 --out results/a.json",
            "  bench load -n 1000 -t ws:1,sse:1,stream:1,poll:1 -c 100 -m 1000 -r 100",
            "  bench load -n 1000 -d 10s --publish-concurrency 8      (flat out for 10 s)",
            "  bench load -n 2000 -t sse -m 0 --connect-rate 5000 --max-pending 2000 --proxy-pid 123 "
                    + "--count-connections-to 8090      (connection storm)",
            "  bench load -n 1000 -m 100 -r 20 --event-ids --reconnect-at 2s      (reconnect storm)",
            "  bench load --publish-api nchan --publish-url http://127.0.0.1:8080/pub/ --no-origin ...      (Nchan)"})
public final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:7999",
            description = "The proxy's client-facing base URL (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--publish-url", defaultValue = "http://127.0.0.1:5561/publish/",
            description = "The proxy's HTTP publish endpoint (default: ${DEFAULT-VALUE}).")
    URI publishUrl;

    @Option(names = {"-n", "--subscribers"}, defaultValue = "1000",
            description = "Subscriber connections to open (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = {"-c", "--channels"}, defaultValue = "1",
            description = "Channels; subscriber i follows channel i mod C, message j goes to channel j mod C "
                    + "(default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = {"-t", "--transport"}, defaultValue = "sse",
            description = "ws, sse, stream or poll, or a weighted mix like ws:3,sse:1 (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = {"-m", "--messages"}, defaultValue = "50",
            description = "Measured messages to publish at --rate (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = {"-r", "--rate"}, defaultValue = "10",
            description = "Messages per second, open loop (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = {"-d", "--duration"}, converter = DurationConverter.class,
            description = "Publish flat out for this long instead of --messages/--rate, e.g. 10s.")
    Duration duration;

    @Option(names = "--size", defaultValue = "64",
            description = "Payload size in bytes, padded (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--connect-rate", defaultValue = "1000",
            description = "New connections per second (default: ${DEFAULT-VALUE}).")
    double connectRate;

    @Option(names = "--max-pending", defaultValue = "200",
            description = "Connections waiting for their first response at once (default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--source-ips",
            description = "Spread connections over 127.0.0.1..N (default: one per "
                    + SwarmConfig.CONNECTIONS_PER_SOURCE_IP + " subscribers).")
    Integer sourceIps;

    @Option(names = "--threads", defaultValue = "1",
            description = "Subscriber event loop threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--io", defaultValue = "auto",
            description = "Netty transport: auto, epoll or nio (default: ${DEFAULT-VALUE}).")
    String io;

    @Option(names = "--publish-api", defaultValue = "pushpin",
            description = "pushpin: POST the items JSON to --publish-url; nchan: POST the raw payload to "
                    + "<publish-url><channel>, one request per channel (default: ${DEFAULT-VALUE}).")
    String publishApi;

    @Option(names = "--event-ids",
            description = "Give every measured message its sequence number as id (item id and an SSE id: line), "
                    + "so reconnecting SSE subscribers send Last-Event-ID.")
    boolean eventIds;

    @Option(names = "--publish-concurrency", defaultValue = "4",
            description = "Publish requests in flight at most (default: ${DEFAULT-VALUE}).")
    int publishConcurrency;

    @Option(names = "--proxy-pid", split = ",",
            description = "PIDs of the proxy's processes (repeatable or comma-separated) for RSS and CPU.")
    List<Long> proxyPids = new ArrayList<>();

    @Option(names = "--count-connections-to", paramLabel = "PORT",
            description = "Count the proxy's established TCP connections to this port (its origin's), from /proc; "
                    + "needs --proxy-pid.")
    Integer countPort;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
            description = "Open and close N connections first, so the measured handshakes do not include the tool's "
                    + "own JIT warm-up (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--settle", defaultValue = "1s", converter = DurationConverter.class,
            description = "Wait after connecting, before probing (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--probe-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Probe until every subscriber got a probe, at most this long; 0 skips (default: ${DEFAULT-VALUE}).")
    Duration probeTimeout;

    @Option(names = "--drain", defaultValue = "5s", converter = DurationConverter.class,
            description = "After publishing, stop once nothing arrived for this long (default: ${DEFAULT-VALUE}).")
    Duration drainIdle;

    @Option(names = "--drain-max", defaultValue = "60s", converter = DurationConverter.class,
            description = "After publishing, stop after this long anyway (default: ${DEFAULT-VALUE}).")
    Duration drainMax;

    @Option(names = "--reconnect-at", converter = DurationConverter.class,
            description = "Reconnect storm: this long after publishing began, every WebSocket, SSE and stream "
                    + "subscriber drops its connection and reconnects at once (SSE with Last-Event-ID).")
    Duration reconnectAt;

    @Option(names = "--handshake-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "A connection without a response by then counts as failed (default: ${DEFAULT-VALUE}).")
    Duration handshakeTimeout;

    @Option(names = "--channel-prefix",
            description = "Channel k is <prefix>k (default: bench-<random>- so runs never share channels).")
    String channelPrefix;

    @Option(names = "--origin-port", defaultValue = "8090",
            description = "Port of the in-process GRIP origin (default: ${DEFAULT-VALUE}).")
    int originPort;

    @Option(names = "--no-origin", description = "Do not start the in-process origin (one already runs).")
    boolean noOrigin;

    @Option(names = "--label", description = "A name for the run in the report (default: the transport mix).")
    String label;

    @Option(names = "--out", description = "Write the JSON report here.")
    Path out;

    @Option(names = "--hgrm", description = "Write <prefix>.latency.hgrm and <prefix>.last-subscriber.hgrm "
            + "(default: next to --out).")
    Path hgrm;

    @Option(names = "--html", description = "Write the HTML report with charts here (default: next to --out).")
    Path html;

    @Option(names = "--progress", defaultValue = "1s", converter = DurationConverter.class,
            description = "Progress line interval on stderr; 0 for none (default: ${DEFAULT-VALUE}).")
    Duration progress;

    @Option(names = "--progress-style", defaultValue = "auto",
            description = "bar (redrawn in place), lines (one per interval) or auto: a bar when stderr is a "
                    + "terminal (default: ${DEFAULT-VALUE}).")
    String progressStyle;

    @Option(names = "--sample-interval", defaultValue = "250ms", converter = DurationConverter.class,
            description = "Time series sampling interval for the report; 0 for none (default: ${DEFAULT-VALUE}).")
    Duration sampleInterval;

    @Override
    public Integer call() throws Exception {
        LoadConfig config = config();
        var report = new LoadRun(config, System.out, System.err).run();
        return report.connections().made() == 0 && config.swarm().subscribers() > 0 ? 1 : 0;
    }

    /**
     * The validated configuration these options describe.
     *
     * @throws ParameterException naming the bad option and what was expected
     */
    LoadConfig config() {
        try {
            if (duration != null && spec.commandLine().getParseResult().hasMatchedOption("--messages")) {
                throw new IllegalArgumentException("--messages and --duration exclude each other "
                        + "(expected: a message count at --rate, or a flat-out duration)");
            }
            if (url.getHost() == null || !"http".equals(url.getScheme())) {
                throw new IllegalArgumentException("--url: " + url + " (expected: http://host:port)");
            }
            int port = url.getPort() < 0 ? 80 : url.getPort();
            String prefix = channelPrefix != null ? channelPrefix
                    : "bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2) + "-";
            TransportMix mix = TransportMix.parse(transport);
            SwarmConfig swarm = new SwarmConfig(url.getHost(), port, mix, subscribers, channels, prefix,
                    connectRate, maxPending, sourceIps != null ? sourceIps : SwarmConfig.defaultSourceIps(subscribers),
                    threads, IoKind.valueOf(io.toUpperCase()), handshakeTimeout);
            PublishConfig publish = new PublishConfig(publishUrl, messages, rate, duration, size, publishConcurrency,
                    PublishApi.parse(publishApi), eventIds);
            LoadConfig.Phases phases = new LoadConfig.Phases(settle, probeTimeout, drainIdle, drainMax, progress,
                    ProgressStyle.parse(progressStyle).bar(), sampleInterval, reconnectAt, warmup);
            Path hgrmPrefix = hgrm;
            Path htmlFile = html;
            if (out != null) {
                String base = out.toString().replaceFirst("\\.json$", "");
                hgrmPrefix = hgrmPrefix != null ? hgrmPrefix : Path.of(base);
                htmlFile = htmlFile != null ? htmlFile : Path.of(base + ".html");
            }
            LoadConfig.Output output = new LoadConfig.Output(label != null ? label : mix.toString(), out, hgrmPrefix,
                    htmlFile);
            return new LoadConfig(swarm, publish, phases, output, proxyPids, noOrigin ? -1 : originPort,
                    countPort != null ? countPort : -1);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (e.getMessage().startsWith("No enum constant")) {
                message = "--io: '" + io + "' (expected: auto, epoll or nio)";
            }
            throw new ParameterException(spec.commandLine(), message, e);
        }
    }
}
