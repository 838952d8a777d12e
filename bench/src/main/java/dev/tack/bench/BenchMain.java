package dev.tack.bench;

import dev.tack.bench.load.LoadCommand;
import dev.tack.bench.origin.OriginCommand;
import dev.tack.bench.report.CompareCommand;
import dev.tack.bench.scale.ListenCommand;
import dev.tack.bench.scale.SummarizeCommand;
import dev.tack.bench.soak.SoakCommand;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar tack-bench.jar <load|origin|compare|listen|summarize|soak> [options]}. */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "tack-bench 0.1.0",
        description = "Fan-out load testing for push servers (Tack, Pushpin, Nchan, the C reference).",
        subcommands = {LoadCommand.class, OriginCommand.class, CompareCommand.class, ListenCommand.class,
            SummarizeCommand.class, SoakCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, configured: a later option overrides an earlier one (so scripts can append), and
     * an expected failure (a refused port, a missing process) prints one line instead of a stack trace.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new BenchMain())
                .setOverwrittenOptionsAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                            || e instanceof IOException) {
                        cmd.getErr().println("bench " + cmd.getCommandName() + ": " + e.getMessage());
                        return 1;
                    }
                    throw e;
                });
    }
}
