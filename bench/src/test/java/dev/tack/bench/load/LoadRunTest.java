package dev.tack.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.bench.report.RunReport;
import dev.tack.bench.report.TimeSeries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Whole runs of the load tool against {@link FakeProxy} over loopback. */
class LoadRunTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void streamingTransportsReceiveEveryMessage() throws Exception {
        try (FakeProxy proxy = new FakeProxy()) {
            Path json = dir.resolve("r/run.json");
            RunReport r = run(proxy, "-n", "12", "-c", "3", "-t", "ws,sse,stream", "-m", "30", "-r", "300",
                    "--out", json.toString(), "--proxy-pid", Long.toString(ProcessHandle.current().pid()),
                    "--progress", "50ms");
            assertEquals(12, r.connections().made());
            assertEquals(0, r.connections().failed());
            assertEquals(12, r.connections().ready());
            assertEquals(30, r.publish().accepted());
            assertEquals(120, r.deliveries().expected());
            assertEquals(120, r.deliveries().received());
            assertEquals(0, r.deliveries().lost());
            assertEquals(30, r.deliveries().messagesFullyDelivered());
            assertEquals(120, r.latencyMs().count());
            assertEquals(30, r.lastSubscriberMs().count());
            assertTrue(r.proxy().rssBeforeKb() > 0);
            assertEquals(ProcessHandle.current().pid(), r.proxy().processes().get(0).pid());
            assertTrue(r.proxy().cpuCoresPublishing() >= 0);
            JsonNode written = new ObjectMapper().readTree(json.toFile());
            assertEquals(120, written.get("deliveries").get("received").asLong());
            assertTrue(Files.readString(dir.resolve("r/run.latency.hgrm")).contains("Value     Percentile"));
            assertTrue(Files.exists(dir.resolve("r/run.last-subscriber.hgrm")));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("deliveries     expected 120, received 120"));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("conn "));
            assertEquals(12, r.handshakeMs().count(), "one handshake per connection");
        }
    }

    @Test
    void writesAnHtmlReportWithItsChartDataBesideTheJson() throws Exception {
        try (FakeProxy proxy = new FakeProxy()) {
            Path json = dir.resolve("run.json");
            RunReport r = run(proxy, "-n", "6", "-t", "ws,sse", "-m", "20", "-r", "100", "--out", json.toString(),
                    "--proxy-pid", Long.toString(ProcessHandle.current().pid()), "--sample-interval", "50ms");
            Path html = dir.resolve("run.html");
            assertEquals(html.toString(), r.files().get("html"));
            String page = Files.readString(html);
            assertTrue(page.contains("uPlot"), "uPlot is inlined");
            assertTrue(page.contains("\"label\":\"ws:1,sse:1\""), "the report's data is embedded");
            assertTrue(!page.contains("src=\"http"), "nothing is loaded from the network");
            RunReport.Charts charts = r.charts();
            assertEquals(100.0, charts.latency().percentile()[charts.latency().percentile().length - 1]);
            assertEquals(6, r.handshakeMs().count());
            assertTrue(charts.handshake().percentile().length > 0);
            TimeSeries ts = charts.timeSeries();
            assertTrue(ts.seconds().length >= 2, "samples: " + ts.seconds().length);
            assertEquals(6, ts.made()[ts.made().length - 1]);
            assertEquals(120, ts.received()[ts.received().length - 1]);
            assertTrue(ts.phases().stream().anyMatch(p -> p.name().equals("publish")), ts.phases().toString());
            assertTrue(ts.proxyRssKb()[0] > 0);
        }
    }

    @Test
    void countsTheProxysConnectionsToAPort() throws Exception {
        try (FakeProxy proxy = new FakeProxy()) {
            // The "proxy" is this JVM, whose subscriber connections go to the fake proxy's client port.
            RunReport r = run(proxy, "-n", "5", "-t", "sse", "-m", "5", "-r", "50",
                    "--proxy-pid", Long.toString(ProcessHandle.current().pid()),
                    "--count-connections-to", Integer.toString(proxy.clientPort()));
            assertEquals(5L, r.proxy().originConnections());
            assertTrue(r.proxy().originConnectionsPeak() >= 5, "peak " + r.proxy().originConnectionsPeak());
            assertTrue(r.proxy().cpuMsPerConnection() >= 0);
        }
    }

    @Test
    void reconnectStormSendsLastEventIdAndReportsWhatWasSkipped() throws Exception {
        try (FakeProxy proxy = new FakeProxy()) {
            RunReport r = run(proxy, "-n", "8", "-c", "2", "-t", "sse", "-m", "80", "-r", "40", "--event-ids",
                    "--reconnect-at", "400ms");
            RunReport.Reconnect storm = r.reconnect();
            assertEquals(8, storm.dropped());
            assertEquals(8, storm.reconnected());
            assertEquals(8, storm.caughtUp());
            assertEquals(8, storm.handshakeMs().count());
            assertEquals(8, proxy.lastEventIds().size(), proxy.lastEventIds().toString());
            for (String id : proxy.lastEventIds()) {
                assertTrue(id.matches("\\d+"), "Last-Event-ID " + id + " (expected: a message sequence number)");
            }
            assertEquals(r.deliveries().expected(), r.deliveries().received() + r.deliveries().lost());
            assertEquals(r.deliveries().lost(), storm.missedAcrossReconnect(),
                    "without history, what is lost is what was published while the subscribers were away");
        }
    }

    @Test
    void nchanPublishApiSendsRawBodiesPerChannel() throws Exception {
        try (FakeProxy proxy = new FakeProxy()) {
            RunReport r = run(proxy, "-n", "6", "-c", "3", "-t", "ws,sse", "-m", "30", "-r", "300",
                    "--publish-api", "nchan", "--publish-url", "http://127.0.0.1:" + proxy.publishPort() + "/pub/");
            assertEquals(6, r.connections().ready(), "probes reached every channel");
            assertEquals(30, r.publish().accepted());
            assertEquals(60, r.deliveries().received());
            assertEquals("nchan", r.scenario().publishApi());
        }
    }

    @Test
    void longPollSubscribersAskAgainAfterEachResponse() throws Exception {
        try (FakeProxy proxy = new FakeProxy()) {
            RunReport r = run(proxy, "-n", "4", "-c", "1", "-t", "poll", "-m", "10", "-r", "20");
            assertEquals(4, r.connections().made());
            assertTrue(r.deliveries().received() > 0, "received " + r.deliveries().received());
            assertTrue(r.deliveries().repolls() >= r.deliveries().received(), "a re-poll after every delivery");
        }
    }

    @Test
    void flatOutPublishingStopsAfterTheDuration() throws Exception {
        try (FakeProxy proxy = new FakeProxy()) {
            RunReport r = run(proxy, "-n", "2", "-t", "sse", "-d", "300ms", "--publish-concurrency", "2");
            assertTrue(r.publish().accepted() > 0);
            assertEquals(300, r.scenario().flatOutSeconds() * 1000, 1);
            assertEquals(r.deliveries().expected(), r.deliveries().received());
        }
    }

    @Test
    void refusedConnectionsAreCountedWithTheirReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        LoadCommand cmd = new LoadCommand();
        new CommandLine(cmd).parseArgs("-n", "3", "-m", "0", "--no-origin", "--settle", "0", "--progress", "0",
                "--url", "http://127.0.0.1:" + closedPort, "--publish-url", "http://127.0.0.1:" + closedPort + "/p/");
        RunReport r = new LoadRun(cmd.config(), print(out), print(err)).run();
        assertEquals(0, r.connections().made());
        assertEquals(3, r.connections().failed());
        assertTrue(r.connections().reasons().keySet().iterator().next().startsWith("connect: "),
                r.connections().reasons().toString());
    }

    private RunReport run(FakeProxy proxy, String... args) throws Exception {
        String[] common = {"--no-origin", "--settle", "0", "--drain", "2s", "--drain-max", "10s",
            "--url", "http://127.0.0.1:" + proxy.clientPort(),
            "--publish-url", "http://127.0.0.1:" + proxy.publishPort() + "/publish/"};
        String[] all = new String[common.length + args.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        LoadCommand cmd = new LoadCommand();
        new CommandLine(cmd).setOverwrittenOptionsAllowed(true).parseArgs(all);
        if (!cmd.spec.commandLine().getParseResult().hasMatchedOption("--progress")) {
            cmd.progress = java.time.Duration.ZERO;
        }
        return new LoadRun(cmd.config(), print(out), print(err)).run();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
