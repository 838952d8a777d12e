package dev.tack.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench compare}: one HTML page comparing several targets scenario by scenario, from the JSON
 * reports that {@code bench load} wrote into one directory per target ({@code bench/scenarios.sh} names
 * them {@code <results>/<target>/<scenario>.json}). A scenario is a file name; the page shows, for each,
 * the runs of every target that has that file.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write one HTML page comparing the JSON reports of several targets, scenario by scenario.",
        footer = {"", "Example:",
            "  bench compare --out bench/results/compare.html bench/results/tack bench/results/nchan Pushpin=bench/results/pushpin"})
public final class CompareCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "[NAME=]DIR",
            description = "A target's results directory (its *.json reports); NAME defaults to the directory's name.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--out", required = true, description = "The HTML file to write.")
    Path out;

    @Option(names = "--title", defaultValue = "Fan-out benchmark: targets side by side",
            description = "The page title (default: ${DEFAULT-VALUE}).")
    String title;

    @Option(names = "--note", description = "A sentence shown under the title (e.g. the machine and the command).")
    String note;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
            description = "Only these scenarios (file names without .json), in this order (default: every one found).")
    List<String> only = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Map<String, List<HtmlReport.Run>> scenarios = new TreeMap<>();
        for (String t : targets) {
            int eq = t.indexOf('=');
            Path dir = Path.of(eq < 0 ? t : t.substring(eq + 1));
            String name = eq < 0 ? String.valueOf(dir.toAbsolutePath().normalize().getFileName()) : t.substring(0, eq);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("results directory " + dir + " does not exist (expected: a "
                        + "directory of bench load JSON reports, e.g. bench/results/tack)");
            }
            for (Path file : reports(dir)) {
                JsonNode report = JSON.readTree(file.toFile());
                if (!report.has("scenario") || !report.has("connections")) {
                    spec.commandLine().getErr().println("bench compare: skipping " + file
                            + " (not a bench load report: no scenario or connections)");
                    continue;
                }
                String scenario = file.getFileName().toString().replaceFirst("\\.json$", "");
                if (!only.isEmpty() && !only.contains(scenario)) {
                    continue;
                }
                scenarios.computeIfAbsent(scenario, k -> new ArrayList<>()).add(new HtmlReport.Run(name, report));
            }
        }
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("no reports found in " + targets + " (expected: <scenario>.json files)");
        }
        List<HtmlReport.Scenario> list = new ArrayList<>();
        List<String> order = only.isEmpty() ? List.copyOf(scenarios.keySet()) : only;
        for (String name : order) {
            if (scenarios.containsKey(name)) {
                list.add(new HtmlReport.Scenario(name, scenarios.get(name)));
            }
        }
        HtmlReport.write(out, HtmlReport.page(title, note, list));
        spec.commandLine().getOut().println("wrote " + out + " (" + list.size() + " scenarios)");
        return 0;
    }

    private static List<Path> reports(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }
}
