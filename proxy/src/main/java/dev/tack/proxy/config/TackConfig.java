package dev.tack.proxy.config;

import dev.tack.proxy.route.Route;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything Tack was configured with, read once by {@link ConfigLoader}. The top level holds what the
 * composition root needs first (where to listen, the routes, the log level); the rest is grouped by the
 * config file section it comes from. Ports already include the port offset.
 *
 * @param configFile      the file that was read
 * @param configDir       its directory; relative paths in the config (routes file, {@code file:} keys) resolve here
 * @param routesFile      the routes file that was read, or {@code null} when {@code --route} lines were used
 *                        or no routes are configured (a server may watch this file and reload it)
 * @param clientListeners where clients connect: {@code --port}, else {@code [runner] http_port} (default 7999)
 * @param publishListener the HTTP publish API: {@code [handler] push_in_http_addr} (default 127.0.0.1) and
 *                        {@code push_in_http_port} (default 5561)
 * @param portOffset      {@code [global] port_offset}, or {@code --id N} times 10
 * @param logLevel        Pushpin level: 0 error, 1 warning, 2 info, 3 debug, 4+ trace
 * @param routes          the parsed routes, in file order; empty = every request gets 502 Route not found
 * @param operations      how Tack is run and watched: log format, the metrics port's token
 * @param httpsListeners  where TLS clients connect: {@code --port ...,tls}, else {@code [runner] https_ports}
 */
public record TackConfig(Path configFile, Path configDir, Path routesFile, List<ListenAddress> clientListeners,
                         ListenAddress publishListener, int portOffset, int logLevel, List<Route> routes,
                         RunnerSettings runner, ProxySettings proxy, HandlerSettings handler, TackSettings tack,
                         OperationsSettings operations, List<ListenAddress> httpsListeners) {
    public TackConfig {
        httpsListeners = List.copyOf(httpsListeners);
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(configDir, "configDir");
        clientListeners = List.copyOf(clientListeners);
        Objects.requireNonNull(publishListener, "publishListener");
        routes = List.copyOf(routes);
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(tack, "tack");
        Objects.requireNonNull(operations, "operations");
    }

    /** Where the TLS certificates are, in Pushpin's layout: {@code <config dir>/runner/certs}. */
    public Path certsDir() {
        return configDir.resolve("runner").resolve("certs");
    }
}
