package dev.tack.proxy.config;

import dev.tack.proxy.log.LogFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Parses Tack's command line, which takes the flags of Pushpin's runner so that tools that start Pushpin
 * (the Fastly CLI runs {@code pushpin --config=FILE --verbose}) can start Tack instead
 * (docs/compatibility.md "Configuration", "Fastly"):
 * <pre>
 * tack [--config FILE] [--port [addr:]port[,tls]]... [--route LINE]... [--id N] [--loglevel N] [--verbose]
 *      [--log-format pushpin|json] [-m|--merge-output] [--logfile FILE] [-h|--help] [-V|--version]
 * </pre>
 * Both {@code --config FILE} and {@code --config=FILE} work. Values are checked here, before the config
 * file is read, so a typo on the command line is reported as such.
 */
public final class Cli {
    private Cli() {
    }

    /**
     * Parses {@code args}.
     *
     * @throws ConfigException naming the flag, the value and what was expected, or the unknown flag
     */
    public static CliOptions parse(String... args) throws ConfigException {
        final Spec spec = new Spec();
        try {
            commandLine(spec).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new ConfigException(e.getMessage() + " (see --help)", e);
        }
        if (spec.id != null && spec.id < 0) {
            throw new ConfigException("--id: " + spec.id + " (expected: an integer >= 0)");
        }
        if (spec.logLevel != null) {
            LogLevels.parse(spec.logLevel, "--loglevel");
        }
        if (spec.logFormat != null) {
            try {
                LogFormat.parse(spec.logFormat);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--log-format: " + e.getMessage(), e);
            }
        }
        for (final String port : spec.ports) {
            try {
                ListenAddress.parse(ListenAddress.withoutTls(port), ListenAddress.ANY_HOST);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--port: " + e.getMessage(), e);
            }
        }
        return new CliOptions(spec.config, spec.ports, spec.routes, spec.id, spec.logLevel, spec.verbose,
                spec.mergeOutput, spec.logFile, spec.help, spec.version, spec.logFormat);
    }

    /** Returns the usage text printed for {@code --help}. */
    public static String usage() {
        return commandLine(new Spec()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** Returns the text printed for {@code --version}: {@code tack <version>} ({@code dev} outside a release jar). */
    public static String version() {
        final String v = Cli.class.getPackage().getImplementationVersion();
        return "tack " + (v == null ? "dev" : v);
    }

    private static CommandLine commandLine(Spec spec) {
        final CommandLine cl = new CommandLine(spec);
        cl.setExpandAtFiles(false); // "@x" is a plain value, never a file to read arguments from
        return cl;
    }

    /** The flags, as picocli fills them in. */
    @Command(name = "tack", sortOptions = false, usageHelpWidth = 100,
            customSynopsis = {"tack [--config FILE] [--port [addr:]port[,tls]]... [--route LINE]... [--id N] [--loglevel N]",
                "     [--verbose] [--log-format pushpin|json] [-m] [--logfile FILE] [-h] [-V]"},
            description = "Realtime push proxy: a one-process, Pushpin-compatible GRIP proxy.",
            footer = {"", "Without --config, the first file found of these is read:",
                "  config/tack.conf, config/pushpin.conf, pushpin.conf (in the working directory),",
                "  /etc/pushpin/pushpin.conf"})
    static final class Spec {
        @Option(names = "--config", paramLabel = "FILE",
                description = "Config file, in pushpin.conf format (default: see below).")
        Path config;

        @Option(names = "--port", paramLabel = "[addr:]port[,tls]",
                description = "Listen for clients here instead of [runner] http_port and https_ports; ',tls' makes it "
                        + "a TLS listener (certificates in <config dir>/runner/certs). Repeatable.")
        List<String> ports = new ArrayList<>();

        @Option(names = "--route", paramLabel = "LINE",
                description = "Add a route line (routes file syntax); replaces the routes file. Repeatable.")
        List<String> routes = new ArrayList<>();

        @Option(names = "--id", paramLabel = "N",
                description = "Instance id: sets port_offset to N*10 (added to the configured ports) and ipc_prefix to N-.")
        Integer id;

        @Option(names = "--loglevel", paramLabel = "N",
                description = "Log level: 0 error, 1 warning, 2 info (default), 3 debug, 4 trace; "
                        + "a list like default:2,proxy:3 uses its highest level.")
        String logLevel;

        @Option(names = "--verbose", description = "Verbose output; the same as --loglevel 3.")
        boolean verbose;

        @Option(names = "--log-format", paramLabel = "FORMAT",
                description = "Log lines as Pushpin writes them (pushpin, the default) or one JSON object per line "
                        + "(json); overrides [tack] log_format.")
        String logFormat;

        @Option(names = {"-m", "--merge-output"},
                description = "Accepted for Pushpin compatibility (Tack is one process; output is always merged).")
        boolean mergeOutput;

        @Option(names = "--logfile", paramLabel = "FILE",
                description = "Accepted for Pushpin compatibility; Tack logs to standard output.")
        Path logFile;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Option(names = {"-V", "--version"}, versionHelp = true, description = "Show the version and exit.")
        boolean version;
    }
}
