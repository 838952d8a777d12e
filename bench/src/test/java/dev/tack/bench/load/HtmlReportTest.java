package dev.tack.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.bench.BenchMain;
import dev.tack.bench.report.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The HTML reports of a real run against {@link FakeProxy}, opened in headless Chromium: the page draws its
 * charts offline. Skipped without Chromium, except where {@code TACK_REQUIRE_EXTERNALS} is set (CI).
 */
class HtmlReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern CHARTS = Pattern.compile("data-charts=\"(\\d+)\"");

    @TempDir
    Path dir;

    @Test
    void runPageDrawsItsChartsInABrowser() throws Exception {
        needsChromium();
        Path json = dir.resolve("tack/a.json");
        run(json);
        String dom = render(dir.resolve("tack/a.html"));
        assertTrue(dom.contains("data-rendered=\"true\""), "the page script ran to its end");
        // latency, handshake, connections, deliveries/s, proxy CPU, proxy memory
        assertEquals(6, charts(dom), "charts drawn");
        assertTrue(dom.contains("class=\"uplot"), "drawn by uPlot");
        assertTrue(dom.contains("Delivery latency by percentile"));
    }

    @Test
    void comparePageHasOneColumnPerTargetAndToleratesOlderReports() throws Exception {
        Path json = dir.resolve("tack/a.json");
        run(json);
        Files.createDirectories(dir.resolve("nchan"));
        Files.copy(json, dir.resolve("nchan/a.json"));
        // A report written before charts existed: tables only.
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode old = (ObjectNode) mapper.readTree(json.toFile());
        old.remove("charts");
        old.remove("handshakeMs");
        Files.createDirectories(dir.resolve("pushpin"));
        mapper.writeValue(dir.resolve("pushpin/a.json").toFile(), old);
        Files.writeString(dir.resolve("pushpin/notes.json"), "{\"not\": \"a report\"}");

        Path page = dir.resolve("compare.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BenchMain.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("compare", "--out", page.toString(), dir.resolve("tack").toString(),
                dir.resolve("nchan").toString(), "Pushpin=" + dir.resolve("pushpin")), err.toString());
        assertTrue(out.toString().contains("(1 scenarios)"), out.toString());
        assertTrue(err.toString().contains("skipping " + dir.resolve("pushpin/notes.json")), err.toString());
        String html = Files.readString(page);
        assertTrue(html.contains("\"target\":\"Pushpin\""));
        assertTrue(html.contains("\"target\":\"nchan\""));

        needsChromium();
        String dom = render(page);
        assertTrue(dom.contains("data-rendered=\"true\""), "the page script ran to its end");
        assertEquals(6, charts(dom), "the same six charts, each with a series per target that has data");
        assertTrue(dom.contains(">Pushpin<") || dom.contains("Pushpin</th>"), "a column for each target");
    }

    @Test
    void compareNamesAMissingDirectory() {
        StringWriter err = new StringWriter();
        CommandLine cli = BenchMain.commandLine().setErr(new PrintWriter(err));
        assertEquals(1, cli.execute("compare", "--out", dir.resolve("c.html").toString(),
                dir.resolve("absent").toString()));
        assertTrue(err.toString().startsWith("bench compare: results directory " + dir.resolve("absent")
                + " does not exist"), err.toString());
    }

    private void run(Path json) throws Exception {
        try (FakeProxy proxy = new FakeProxy()) {
            LoadCommand cmd = new LoadCommand();
            new CommandLine(cmd).parseArgs("--no-origin", "--settle", "0", "--drain", "2s", "--progress", "0",
                    "--url", "http://127.0.0.1:" + proxy.clientPort(),
                    "--publish-url", "http://127.0.0.1:" + proxy.publishPort() + "/publish/",
                    "-n", "6", "-t", "ws,sse", "-m", "20", "-r", "100", "--sample-interval", "50ms",
                    "--proxy-pid", Long.toString(ProcessHandle.current().pid()), "--out", json.toString());
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            RunReport r = new LoadRun(cmd.config(), quiet, quiet).run();
            assertEquals(120, r.deliveries().received());
        }
    }

    private static int charts(String dom) {
        Matcher m = CHARTS.matcher(dom);
        assertTrue(m.find(), "no data-charts attribute: the page script did not finish");
        return Integer.parseInt(m.group(1));
    }

    /** The page's DOM after its scripts ran, as headless Chromium prints it. */
    private String render(Path page) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--window-size=1400,2000",
                "--dump-dom", page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] dom = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("chromium did not finish rendering " + page + " within 60 s");
        }
        return new String(dom, StandardCharsets.UTF_8);
    }

    private static void needsChromium() {
        boolean present = Files.isExecutable(CHROMIUM);
        String how = CHROMIUM + " is missing; install it with: apt-get update && apt-get install -y chromium";
        if (System.getenv("TACK_REQUIRE_EXTERNALS") != null) {
            Assertions.assertTrue(present, "required in this environment: " + how);
        } else {
            Assumptions.assumeTrue(present, how);
        }
    }
}
