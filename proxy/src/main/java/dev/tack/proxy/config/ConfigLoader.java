package dev.tack.proxy.config;

import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RoutesException;
import dev.tack.proxy.route.RoutesParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the config file and the routes into a {@link TackConfig} (docs/compatibility.md "Configuration").
 *
 * <p>The file is {@code --config}, else the first that exists of {@code ./config/tack.conf},
 * {@code ./config/pushpin.conf}, {@code ./pushpin.conf}, the installation's {@code config/tack.conf} (when
 * {@code bin/tack} sets the system property {@value #HOME_PROPERTY}) and {@code /etc/pushpin/pushpin.conf}
 * (Pushpin's own order, with Tack's names added and without Pushpin's source-tree example path). No file
 * found is an error, as in Pushpin.
 *
 * <p>{@code [global] include} names a second file whose keys are used when the main file lacks them; a
 * relative name resolves against the config directory. An include of {@code internal.conf} (Debian's
 * {@code {libdir}/internal.conf}) is skipped with an info line: it only wires Pushpin's processes together
 * over ZeroMQ, and Tack is one process. So is a {@code {libdir}} include that does not exist.
 *
 * <p>Routes come from the {@code --route} lines when any are given, else from {@code [proxy] routesfile}
 * (relative to the config directory; a missing file is an error). Like Pushpin, Tack has no default route:
 * with neither, it logs a warning and every request gets {@code 502 Route not found}.
 *
 * <p>Ports: {@code --id N} sets the port offset to {@code N*10} (else {@code [global] port_offset}); the
 * offset is added to {@code [runner] http_port}, {@code [handler] push_in_http_port} and every
 * {@code tcp://host:PORT} value, but not to a port given with {@code --port}, which is used as typed.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final List<String> SEARCH = List.of("config/tack.conf", "config/pushpin.conf", "pushpin.conf");
    private static final Path SYSTEM_CONFIG = Path.of("/etc/pushpin/pushpin.conf");
    /** The system property naming the directory Tack is installed in ({@code bin/tack} sets it). */
    public static final String HOME_PROPERTY = "tack.home";

    private ConfigLoader() {
    }

    /** Loads the configuration for {@code cli}, searching from the current directory. */
    public static TackConfig load(CliOptions cli) throws ConfigException {
        return load(cli, Path.of("").toAbsolutePath(), fallbacks(System.getProperty(HOME_PROPERTY), SYSTEM_CONFIG));
    }

    /** The files looked for after the working directory's: the installation's config, then the system's. */
    static List<Path> fallbacks(String home, Path systemConfig) {
        return home == null || home.isEmpty() ? List.of(systemConfig)
                : List.of(Path.of(home, "config", "tack.conf"), systemConfig);
    }

    static TackConfig load(CliOptions cli, Path workDir, Path systemConfig) throws ConfigException {
        return load(cli, workDir, List.of(systemConfig));
    }

    static TackConfig load(CliOptions cli, Path workDir, List<Path> fallbacks) throws ConfigException {
        final Path file = locate(cli, workDir, fallbacks).toAbsolutePath().normalize();
        final Path dir = file.getParent();
        final IniFile main = read(file);

        final ConfigValues plain = new ConfigValues(main, null, "", "", "", 0);
        final String libdir = plain.string("global", "libdir", "");
        final String rundir = plain.has("global", "rundir")
                ? plain.string("global", "rundir", "") : plain.string("runner", "rundir", "");
        final String ipcPrefix = cli.id() != null ? cli.id() + "-" : plain.string("global", "ipc_prefix", "pushpin-");
        final int portOffset = cli.id() != null ? cli.id() * 10 : plain.integer("global", "port_offset", 0, 0, 65535);

        final IniFile include = readInclude(new ConfigValues(main, null, libdir, rundir, ipcPrefix, portOffset), libdir,
                dir);
        checkKeys(main, include);
        final ConfigValues v = new ConfigValues(main, include, libdir, rundir, ipcPrefix, portOffset);

        final String routesValue = v.string("proxy", "routesfile", "");
        final Path routesFile = cli.routes().isEmpty() && !routesValue.isEmpty() ? dir.resolve(routesValue) : null;
        return new TackConfig(file, dir, routesFile, clientListeners(cli, v), publishListener(v), portOffset,
                logLevel(cli, v), routes(cli, routesFile, routesValue),
                Sections.runner(v), Sections.proxy(v), Sections.handler(v), Sections.tack(v),
                Sections.operations(v, cli), httpsListeners(cli, v));
    }

    private static Path locate(CliOptions cli, Path workDir, List<Path> fallbacks) throws ConfigException {
        if (cli.config() != null) {
            final Path given = workDir.resolve(cli.config());
            if (!Files.isRegularFile(given)) {
                throw new ConfigException("--config: " + cli.config() + " (expected: an existing file)");
            }
            return given;
        }
        final List<Path> tried = new ArrayList<>();
        for (final String name : SEARCH) {
            tried.add(workDir.resolve(name));
        }
        tried.addAll(fallbacks);
        for (final Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ConfigException("no configuration file found (tried: " + tried + "); pass --config FILE");
    }

    private static IniFile readInclude(ConfigValues mainOnly, String libdir, Path dir) throws ConfigException {
        final IniFile.Entry entry = mainOnly.raw("global", "include");
        if (entry == null || entry.value().isEmpty()) {
            return null;
        }
        final String raw = entry.value().equals("internal.conf") ? "{libdir}/internal.conf" : entry.value();
        final String skipped = "[global] include: " + entry.value() + " skipped ";
        if (raw.endsWith("/internal.conf")) {
            LOG.info(skipped + "(Pushpin's internal process wiring; Tack runs as one process)");
            return null;
        }
        final boolean fromLibdir = raw.contains("{libdir}");
        if (fromLibdir && libdir.isEmpty()) {
            LOG.info(skipped + "([global] libdir is not set)");
            return null;
        }
        final Path path = dir.resolve(mainOnly.expand("global", "include", raw));
        if (fromLibdir && !Files.isRegularFile(path)) {
            LOG.info(skipped + "(no " + path + ")");
            return null;
        }
        if (!Files.isRegularFile(path)) {
            throw ConfigException.badValue("global", "include", entry.value(), "an existing file; looked for " + path);
        }
        return read(path);
    }

    /** Logs unknown keys once each at warning, and Pushpin keys Tack does not use at debug level. */
    private static void checkKeys(IniFile main, IniFile include) {
        final Set<String> reported = new LinkedHashSet<>();
        for (final IniFile file : include == null ? List.of(main) : List.of(main, include)) {
            for (final Map.Entry<String, Map<String, IniFile.Entry>> section : file.sections().entrySet()) {
                final String name = section.getKey();
                for (final Map.Entry<String, IniFile.Entry> key : section.getValue().entrySet()) {
                    final String k = key.getKey();
                    if (KnownKeys.used(name, k) || !reported.add(name + "\u0000" + k)) {
                        continue;
                    }
                    final String where = file.source() + ":" + key.getValue().line() + ": ";
                    if (name.isEmpty()) {
                        LOG.warn(where + k + " is outside any [section]; ignored");
                    } else if (!KnownKeys.acceptedUnused(name, k)) {
                        LOG.warn(where + "[" + name + "] " + k + ": unknown key; ignored");
                    } else if (KnownKeys.unsupportedWhenSet(name, k) && !key.getValue().value().isEmpty()) {
                        LOG.warn(where + "[" + name + "] " + k + ": " + key.getValue().value()
                                + " is not supported by Tack yet; ignored");
                    } else {
                        LOG.debug(where + "[" + name + "] " + k + ": Pushpin setting not used by Tack");
                    }
                }
            }
        }
    }

    private static List<ListenAddress> clientListeners(CliOptions cli, ConfigValues v) throws ConfigException {
        final List<ListenAddress> out = new ArrayList<>();
        if (!cli.ports().isEmpty()) {
            for (final String port : cli.ports()) {
                if (!ListenAddress.isTls(port)) {
                    out.add(ListenAddress.parse(port, ListenAddress.ANY_HOST)); // checked by Cli.parse
                }
            }
            return out;
        }
        final List<String> ports = v.list("runner", "http_port", "7999");
        if (ports.isEmpty() && v.list("runner", "https_ports", "").isEmpty()) {
            throw ConfigException.badValue("runner", "http_port", "", "at least one [addr:]port");
        }
        return listeners(v, "http_port", ports);
    }

    /**
     * The TLS listeners: {@code --port ...,tls} values when {@code --port} is given (which replaces both keys, as
     * Pushpin's {@code --port} does), else {@code [runner] https_ports}.
     */
    private static List<ListenAddress> httpsListeners(CliOptions cli, ConfigValues v) throws ConfigException {
        if (!cli.ports().isEmpty()) {
            final List<ListenAddress> out = new ArrayList<>();
            for (final String port : cli.ports()) {
                if (ListenAddress.isTls(port)) {
                    out.add(ListenAddress.parse(ListenAddress.withoutTls(port), ListenAddress.ANY_HOST));
                }
            }
            return out;
        }
        return listeners(v, "https_ports", v.list("runner", "https_ports", ""));
    }

    private static List<ListenAddress> listeners(ConfigValues v, String key, List<String> ports)
            throws ConfigException {
        final List<ListenAddress> out = new ArrayList<>();
        for (final String port : ports) {
            final ListenAddress address;
            try {
                address = ListenAddress.parse(port, ListenAddress.ANY_HOST);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("[runner] " + key + ": " + e.getMessage(), e);
            }
            try {
                out.add(address.withPortOffset(v.portOffset()));
            } catch (IllegalArgumentException e) {
                throw ConfigException.badValue("runner", key, port, "a port <= 65535 after adding port_offset");
            }
        }
        return out;
    }

    private static ListenAddress publishListener(ConfigValues v) throws ConfigException {
        String host = v.string("handler", "push_in_http_addr", "127.0.0.1");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.contains(" ") || host.contains("/")) {
            throw ConfigException.badValue("handler", "push_in_http_addr", host, "an IP address or host name");
        }
        return new ListenAddress(host, v.port("handler", "push_in_http_port", 5561));
    }

    private static int logLevel(CliOptions cli, ConfigValues v) throws ConfigException {
        if (cli.verbose()) {
            return LogLevels.VERBOSE;
        }
        if (cli.logLevel() != null) {
            return LogLevels.parse(cli.logLevel(), "--loglevel");
        }
        final String level = v.string("runner", "log_level", "");
        return level.isEmpty() ? LogLevels.DEFAULT : LogLevels.parse(level, "[runner] log_level");
    }

    private static List<Route> routes(CliOptions cli, Path routesFile, String routesValue) throws ConfigException {
        if (!cli.routes().isEmpty()) {
            return parseRoutes("--route", cli.routes());
        }
        if (routesFile == null) {
            LOG.warn("no routes: [proxy] routesfile is not set and no --route was given; "
                    + "every request will get 502 Route not found");
            return List.of();
        }
        if (!Files.isRegularFile(routesFile)) {
            throw ConfigException.badValue("proxy", "routesfile", routesValue,
                    "an existing routes file; looked for " + routesFile);
        }
        final List<Route> routes;
        try {
            routes = RoutesParser.parseFile(routesFile, LOG::warn);
        } catch (RoutesException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        if (routes.isEmpty()) {
            LOG.warn(routesFile + " has no routes; every request will get 502 Route not found");
        }
        return routes;
    }

    private static List<Route> parseRoutes(String source, List<String> lines) throws ConfigException {
        try {
            return RoutesParser.parse(source, lines, LOG::warn);
        } catch (RoutesException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static IniFile read(Path file) throws ConfigException {
        return IniFile.parse(file.toString(), readLines(file));
    }

    private static List<String> readLines(Path file) throws ConfigException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e, e);
        }
    }
}
