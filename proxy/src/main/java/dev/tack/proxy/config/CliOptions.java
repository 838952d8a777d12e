package dev.tack.proxy.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line as given, before the config file is read (see {@link Cli} for the flags). Values that
 * were not given are {@code null} (or empty lists, or {@code false}).
 *
 * @param config       {@code --config FILE}; {@code null} = look in the usual places ({@link ConfigLoader})
 * @param ports        {@code --port [addr:]port}, repeatable; when given they replace {@code [runner] http_port}
 * @param routes       {@code --route LINE}, repeatable; when given they replace the routes file
 * @param id           {@code --id N}: {@code port_offset = N*10} and {@code ipc_prefix = N-}
 * @param logLevel     {@code --loglevel}: {@code 3} or a list such as {@code default:2,proxy:3}
 * @param verbose      {@code --verbose}: the same as {@code --loglevel 3}, and wins over it
 * @param mergeOutput  {@code -m/--merge-output}: accepted for Pushpin compatibility; Tack is one process
 * @param logFile      {@code --logfile FILE}: accepted for Pushpin compatibility; Tack logs to stdout
 * @param helpRequested    {@code -h/--help}: print {@link Cli#usage()} and exit 0
 * @param versionRequested {@code -V/--version}: print {@link Cli#version()} and exit 0
 * @param logFormat    {@code --log-format}: {@code pushpin} or {@code json} (checked), or {@code null}
 */
public record CliOptions(Path config, List<String> ports, List<String> routes, Integer id, String logLevel,
                         boolean verbose, boolean mergeOutput, Path logFile, boolean helpRequested,
                         boolean versionRequested, String logFormat) {
    public CliOptions {
        ports = ports == null ? List.of() : List.copyOf(ports);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** The options a program (or a test) sets directly; no log file, no help or version request. */
    public CliOptions(Path config, List<String> ports, List<String> routes, Integer id, String logLevel,
                      boolean verbose, boolean mergeOutput) {
        this(config, ports, routes, id, logLevel, verbose, mergeOutput, null, false, false, null);
    }
}
