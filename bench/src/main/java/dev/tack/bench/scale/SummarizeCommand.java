package dev.tack.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Merges the reports of the {@code bench listen} processes of one run into one summary: connections,
 * deliveries, latency percentiles over every delivery of every process, and the nodes' memory per connection
 * from the RSS the script measured. Prints it and writes it as JSON.
 */
@Command(name = "summarize", mixinStandardHelpOptions = true,
        description = "Merge the bench listen reports of one run (bench/scale-out.sh).")
public final class SummarizeCommand implements Callable<Integer> {

    @Option(names = "--label", required = true, description = "The run's name.")
    String label;

    @Option(names = "--rss-before", defaultValue = "0", description = "Nodes' RSS summed before connecting (KiB).")
    long rssBeforeKb;

    @Option(names = "--rss-connected", defaultValue = "0", description = "Nodes' RSS summed when connected (KiB).")
    long rssConnectedKb;

    @Option(names = "--nodes", defaultValue = "1", description = "How many Tack processes served the run.")
    int nodes;

    @Option(names = "--load", defaultValue = "", description = "Load average to record (start / end).")
    String load;

    @Option(names = "--out", description = "Write the summary here as JSON.")
    Path out;

    @Parameters(description = "The listen reports.")
    List<Path> reports;

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Histogram latency = new Histogram(3);
        long made = 0;
        long failed = 0;
        long lost = 0;
        long expected = 0;
        long received = 0;
        long duplicates = 0;
        long published = 0;
        long firstSend = Long.MAX_VALUE;
        long lastArrival = 0;
        for (Path report : reports) {
            JsonNode doc = json.readTree(report.toFile());
            made += doc.path("made").asLong();
            failed += doc.path("failed").asLong();
            lost += doc.path("lost").asLong();
            expected += doc.path("expected").asLong();
            received += doc.path("received").asLong();
            duplicates += doc.path("duplicates").asLong();
            published += doc.path("published").asLong();
            if (doc.has("firstSendMicros")) {
                firstSend = Math.min(firstSend, doc.path("firstSendMicros").asLong());
            }
            lastArrival = Math.max(lastArrival, doc.path("lastArrivalMicros").asLong());
            byte[] bytes = Base64.getDecoder().decode(doc.path("latencyMicros").asText());
            latency.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0));
        }
        double perConnection = made == 0 ? 0 : (rssConnectedKb - rssBeforeKb) * 1024.0 / made;
        double seconds = firstSend == Long.MAX_VALUE || lastArrival <= firstSend ? 0 : (lastArrival - firstSend) / 1e6;
        double rate = seconds == 0 ? 0 : received / seconds;
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "run            %s (%d Tack processes, %d load processes)%n", label,
                nodes, reports.size()));
        text.append(String.format(Locale.ROOT, "connections    made %d, failed %d, lost %d%n", made, failed, lost));
        text.append(String.format(Locale.ROOT, "published      %d messages%n", published));
        text.append(String.format(Locale.ROOT, "deliveries     expected %d, received %d, lost %d, duplicates %d%n",
                expected, received, Math.max(0, expected - received), duplicates));
        text.append(String.format(Locale.ROOT, "rate           %.0f deliveries/s from the first publish to the last "
                + "delivery (%.1f s)%n", rate, seconds));
        text.append(String.format(Locale.ROOT, "latency        p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms (n=%d)%n",
                ms(latency, 50), ms(latency, 90), ms(latency, 99), ms(latency, 99.9),
                latency.getMaxValue() / 1000.0, latency.getTotalCount()));
        text.append(String.format(Locale.ROOT, "Tack RSS       before %d KiB, connected %d KiB (all processes), "
                + "%.0f bytes/connection%n", rssBeforeKb, rssConnectedKb, perConnection));
        if (!load.isEmpty()) {
            text.append("host           load average ").append(load).append('\n');
        }
        System.out.print(text);
        if (out != null) {
            ObjectNode doc = json.createObjectNode();
            doc.put("label", label).put("nodes", nodes).put("made", made).put("failed", failed).put("lost", lost)
                    .put("published", published).put("expected", expected).put("received", received)
                    .put("duplicates", duplicates).put("deliveriesPerSecond", Math.round(rate)).put("seconds", seconds)
                    .put("p50Ms", ms(latency, 50)).put("p90Ms", ms(latency, 90))
                    .put("p99Ms", ms(latency, 99)).put("p999Ms", ms(latency, 99.9))
                    .put("maxMs", latency.getMaxValue() / 1000.0).put("rssBeforeKb", rssBeforeKb)
                    .put("rssConnectedKb", rssConnectedKb).put("bytesPerConnection", Math.round(perConnection))
                    .put("loadAverage", load);
            json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
        }
        return 0;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
