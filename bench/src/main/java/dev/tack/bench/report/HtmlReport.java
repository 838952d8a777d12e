package dev.tack.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes run reports as one self-contained HTML page with charts: a table of figures per scenario with one
 * column per target, latency and handshake-latency percentile plots, and connections, deliveries, proxy CPU
 * and memory over time. The page carries the reports as JSON and draws them with uPlot; uPlot, its
 * stylesheet and the drawing script are inlined (from {@code html/} beside this class), so the page needs
 * no network. {@code bench load} writes one for its run, {@code bench compare} one for many.
 */
public final class HtmlReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One target's report of one scenario (a parsed {@link RunReport}, possibly from an older tool). */
    public record Run(String target, JsonNode report) {
    }

    /** One scenario and the runs of every target that ran it. */
    public record Scenario(String name, List<Run> runs) {
    }

    private HtmlReport() {
    }

    /** Writes the page of one run to {@code file}, creating its directory. */
    public static void writeRun(RunReport report, Path file) throws IOException {
        JsonNode node = JSON.valueToTree(report);
        String label = report.label();
        write(file, page("bench load: " + label, null, List.of(new Scenario(label, List.of(new Run(label, node))))));
    }

    /**
     * The page for {@code scenarios}.
     *
     * @param note a sentence shown under the title, or null
     */
    public static String page(String title, String note, List<Scenario> scenarios) {
        ObjectNode data = JSON.createObjectNode();
        data.put("title", title);
        data.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (note != null) {
            data.put("note", note);
        }
        ArrayNode list = data.putArray("scenarios");
        for (Scenario s : scenarios) {
            ObjectNode sn = list.addObject();
            sn.put("name", s.name());
            ArrayNode runs = sn.putArray("runs");
            for (Run r : s.runs()) {
                runs.addObject().put("target", r.target()).set("report", r.report());
            }
        }
        // The JSON sits inside a <script> element: no "<" may end it early ("<" only occurs inside strings).
        String json = data.toString().replace("<", "\\u003c");
        return resource("page.html")
                .replace("{{TITLE}}", escape(title))
                .replace("{{UPLOT_CSS}}", resource("uplot/uPlot.min.css"))
                .replace("{{DATA}}", json)
                .replace("{{UPLOT_JS}}", resource("uplot/uPlot.iife.min.js"))
                .replace("{{SCRIPT}}", resource("report.js"));
    }

    /** Writes {@code html} to {@code file}, creating its directory. */
    public static void write(Path file, String html) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("html/" + name)) {
            if (in == null) {
                throw new IllegalStateException("html/" + name + " is missing from the bench jar (expected beside "
                        + HtmlReport.class.getName() + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading html/" + name, e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
