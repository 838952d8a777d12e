package dev.tack.bench;

import dev.tack.bench.load.LoadCommand;
import dev.tack.bench.origin.OriginCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar tack-bench.jar <load|origin> [options]}. */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "tack-bench 0.1.0",
        description = "Fan-out load testing for Pushpin-compatible proxies (Tack, Pushpin).",
        subcommands = {LoadCommand.class, OriginCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
