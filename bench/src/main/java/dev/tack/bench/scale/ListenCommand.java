package dev.tack.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.bench.client.IoKind;
import dev.tack.bench.client.Swarm;
import dev.tack.bench.client.SwarmConfig;
import dev.tack.bench.client.TransportMix;
import dev.tack.bench.message.MicroClock;
import dev.tack.bench.publish.PublishApi;
import dev.tack.bench.publish.PublishConfig;
import dev.tack.bench.publish.PublishResult;
import dev.tack.bench.publish.Publisher;
import dev.tack.bench.stats.LoopSnapshot;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One load process of a run that is too big for one process (each may hold at most 20,000 file descriptors):
 * it opens its share of SSE subscribers against one Tack node and records the latency of every measured message
 * it receives. Exactly one of the processes also probes and publishes ({@code --publish-url}): it probes every
 * second until its own subscribers and those of every other process (their {@code --ready-file}s) have seen a
 * probe, then publishes the measured messages, stamped with the time each was due. Every process writes its
 * counts and its latency histogram to {@code --out}; {@code bench summarize} merges them. Used by
 * {@code bench/scale-out.sh}.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "One load process of a multi-process run (bench/scale-out.sh): SSE subscribers on one "
                + "channel, and optionally the publisher.")
public final class ListenCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:7999", description = "The node's client URL.")
    URI url;

    @Option(names = {"-n", "--subscribers"}, defaultValue = "1000", description = "SSE subscribers to open.")
    int subscribers;

    @Option(names = "--channel-prefix", required = true, description = "The channel is <prefix>0, as in load.")
    String channelPrefix;

    @Option(names = "--connect-rate", defaultValue = "1000", description = "New connections per second.")
    double connectRate;

    @Option(names = "--max-pending", defaultValue = "200", description = "Connections waiting for an answer.")
    int maxPending;

    @Option(names = "--source-ips", defaultValue = "1", description = "Spread over 127.0.0.1..N.")
    int sourceIps;

    @Option(names = "--ready-file", required = true, description = "Written once every subscriber got a probe.")
    Path readyFile;

    @Option(names = "--publish-url", description = "Probe and publish here (one process of the run).")
    URI publishUrl;

    @Option(names = "--wait-for", split = ",", description = "Ready files of the other processes.")
    List<Path> waitFor = new ArrayList<>();

    @Option(names = {"-m", "--messages"}, defaultValue = "50", description = "Measured messages.")
    int messages;

    @Option(names = {"-r", "--rate"}, defaultValue = "10", description = "Messages per second, open loop.")
    double rate;

    @Option(names = "--drain-seconds", defaultValue = "10",
            description = "Stop once nothing arrived for this long after the first message.")
    int drainSeconds;

    @Option(names = "--max-wait-seconds", defaultValue = "600", description = "Give up after this long in all.")
    int maxWaitSeconds;

    @Option(names = "--out", required = true, description = "Counts and the latency histogram (JSON).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Duration maxWait = Duration.ofSeconds(maxWaitSeconds);
        Duration drain = Duration.ofSeconds(drainSeconds);
        long deadline = System.nanoTime() + maxWait.toNanos();
        MicroClock clock = new MicroClock();
        SwarmConfig swarmConfig = new SwarmConfig(url.getHost(), url.getPort(), TransportMix.parse("sse"),
                subscribers, 1, channelPrefix, connectRate, maxPending, sourceIps, 1, IoKind.AUTO,
                Duration.ofSeconds(30));
        try (Swarm swarm = new Swarm(swarmConfig, clock);
                Publisher publisher = publishUrl == null ? null : new Publisher(new PublishConfig(publishUrl,
                        messages, rate, null, 64, 4, PublishApi.PUSHPIN, false), clock, IoKind.AUTO)) {
            swarm.connectAll().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            System.err.println("listen: " + swarm.made() + " made, " + swarm.failed() + " failed");
            PublishResult published = null;
            if (publisher != null) {
                for (long round = 0; !(ready(swarm) && othersReady()) && System.nanoTime() < deadline; round++) {
                    publisher.probe(List.of(swarmConfig.channelName(0)), round).get(30, TimeUnit.SECONDS);
                    markReadyWhenSo(swarm);
                    Thread.sleep(1000);
                }
                markReadyWhenSo(swarm);
                System.err.println("listen: every process ready; publishing");
                published = publisher.run(swarmConfig::channelName, new int[] {(int) swarm.made()})
                        .get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                while (!ready(swarm) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                markReadyWhenSo(swarm);
            }
            long expected = (long) messages * (swarm.made() - swarm.lost());
            long last = swarm.received();
            long lastChange = System.nanoTime();
            while (swarm.received() < expected && System.nanoTime() < deadline
                    && (swarm.received() == 0 || System.nanoTime() - lastChange < drain.toNanos())) {
                Thread.sleep(50);
                if (swarm.received() != last) {
                    last = swarm.received();
                    lastChange = System.nanoTime();
                }
            }
            write(swarm, swarm.snapshot(), expected, published);
        }
        return 0;
    }

    private static boolean ready(Swarm swarm) {
        return swarm.made() > 0 && swarm.ready() >= swarm.made() - swarm.lost();
    }

    private boolean othersReady() {
        return waitFor.stream().allMatch(Files::exists);
    }

    private void markReadyWhenSo(Swarm swarm) throws java.io.IOException {
        if (ready(swarm) && !Files.exists(readyFile)) {
            Files.writeString(readyFile, String.valueOf(swarm.made()));
        }
    }

    private void write(Swarm swarm, LoopSnapshot snapshot, long expected, PublishResult published)
            throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("url", url.toString());
        doc.put("made", swarm.made());
        doc.put("failed", swarm.failed());
        doc.put("lost", swarm.lost());
        doc.put("expected", expected);
        doc.put("received", snapshot.received());
        doc.put("duplicates", snapshot.duplicates());
        doc.put("missedInSequence", snapshot.missed());
        long lastArrival = 0;
        for (long arrival : snapshot.latestArrival()) {
            lastArrival = Math.max(lastArrival, arrival);
        }
        doc.put("lastArrivalMicros", lastArrival);
        if (published != null) {
            doc.put("firstSendMicros", published.firstSendMicros());
            doc.put("published", published.accepted());
            doc.put("publishErrors", published.rejected() + published.errors());
        }
        ByteBuffer buffer = ByteBuffer.allocate(snapshot.latency().getNeededByteBufferCapacity());
        snapshot.latency().encodeIntoCompressedByteBuffer(buffer);
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        doc.put("latencyMicros", Base64.getEncoder().encodeToString(bytes));
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
        System.err.println("listen: received " + snapshot.received() + " of " + expected + "; wrote " + out);
    }
}
