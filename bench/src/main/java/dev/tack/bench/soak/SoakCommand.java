package dev.tack.bench.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench soak <scenario>...}: runs the reliability scenarios against a fresh Tack each and prints the
 * results as a Markdown table (docs/reliability.md).
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Tack under abuse, scenario by scenario: malformed, slowloris, stalled, churn, origin-restart, "
                + "descriptors, or all. Each starts Tack fresh on free loopback ports and reports crashes, healthy "
                + "connections affected, messages they lost, peak memory and time to recover.")
public final class SoakCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", description = "Scenarios to run, or all.")
    List<String> scenarios;

    @Option(names = "--jar", defaultValue = "proxy/target/tack.jar", description = "Tack's jar (default: "
            + "${DEFAULT-VALUE}).")
    Path jar;

    @Option(names = "--dir", defaultValue = "/tmp/tack-soak", description = "Where configs and logs go (default: "
            + "${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--scale", defaultValue = "1", description = "Multiplies every count (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--java-opts", defaultValue = "-Xmx1g -XX:+UseParallelGC", description = "Tack's JVM options "
            + "(default: ${DEFAULT-VALUE}).")
    String javaOptions;

    @Option(names = "--out", description = "Also write the table to this Markdown file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--jar: " + jar + " (expected: tack.jar; build it with mvn package)");
        }
        List<String> names = scenarios.contains("all") ? Scenarios.NAMES : scenarios;
        Path benchJar = Path.of(SoakCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Scenarios runner = new Scenarios(new SoakSettings(jar, dir, scale,
                Arrays.asList(javaOptions.trim().split("\\s+")), benchJar));
        List<String> lines = new ArrayList<>(List.of(SoakResult.header()));
        List<String> notes = new ArrayList<>();
        for (String name : names) {
            System.err.println("soak: " + name + " ...");
            SoakResult result = runner.run(name);
            lines.add(result.row());
            notes.add("- " + name + ": " + result.notes());
            System.err.println(result.row());
        }
        lines.add("");
        lines.addAll(notes);
        String table = String.join("\n", lines) + "\n";
        System.out.print(table);
        if (out != null) {
            Files.writeString(out, table);
        }
        return 0;
    }
}
