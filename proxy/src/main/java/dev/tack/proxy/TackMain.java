package dev.tack.proxy;

import dev.tack.proxy.admin.AdminSettings;
import dev.tack.proxy.config.Cli;
import dev.tack.proxy.config.CliOptions;
import dev.tack.proxy.config.ConfigException;
import dev.tack.proxy.config.ConfigLoader;
import dev.tack.proxy.config.ListenAddress;
import dev.tack.proxy.config.TackConfig;
import dev.tack.proxy.log.LogFormat;
import dev.tack.proxy.log.TackLogging;
import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.publish.PublishSettings;
import dev.tack.proxy.publish.zmq.ZmqSettings;
import dev.tack.proxy.server.ClientLimits;
import dev.tack.proxy.server.ServerSettings;
import dev.tack.proxy.server.TackServer;
import dev.tack.proxy.session.ReliableGrip;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tack's entry point, with Pushpin's runner flags ({@code --config}, {@code --port}, {@code --route},
 * {@code --id}, {@code --loglevel}, {@code --verbose}). Reads the config, starts every listener and logs a line
 * ending in {@code started}, which the Fastly CLI waits for (docs/compatibility.md "Fastly").
 */
public final class TackMain {

    private TackMain() {
    }

    public static void main(String[] args) throws Exception {
        NettyRecycling.configure();
        CliOptions cli;
        try {
            cli = Cli.parse(args);
        } catch (ConfigException e) {
            System.err.println("tack: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (cli.helpRequested()) {
            System.out.print(Cli.usage());
            return;
        }
        if (cli.versionRequested()) {
            System.out.println(Cli.version());
            return;
        }
        // Log from the start (config warnings too) in the format the command line asks for; the config file may
        // change level and format once it is read.
        TackLogging logging = TackLogging.install(cli.verbose() ? 3 : 2,
                cli.logFormat() == null ? LogFormat.PUSHPIN : LogFormat.parse(cli.logFormat()));
        Logger log = LoggerFactory.getLogger(TackMain.class);
        TackConfig config;
        try {
            config = ConfigLoader.load(cli);
        } catch (ConfigException e) {
            System.err.println("tack: " + e.getMessage());
            System.exit(1);
            return;
        }
        logging.reconfigure(config.logLevel(), config.operations().logFormat(), System.out);
        log.info("using config " + config.configFile() + (config.routesFile() == null ? "" : ", routes "
                + config.routesFile()));
        TackServer server;
        try {
            server = TackServer.start(settings(config), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            log.error("cannot start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            log.error("cannot start: " + e);
            System.exit(1);
            return;
        }
        onHangup(() -> server.reloadRoutes("SIGHUP"), log);
        CountDownLatch stopped = new CountDownLatch(1);
        Shutdown.install(server, stopped);
        log.info(Cli.version() + " started");
        stopped.await();
        System.exit(0);
    }

    /**
     * {@code SIGHUP} reloads the routes file, as Pushpin's does (docs/compatibility.md "Routes"). The JDK has no
     * public signal API; {@code sun.misc.Signal} (module {@code jdk.unsupported}) is there on every common JVM, and
     * where it is not, or the JVM keeps the signal ({@code -Xrs}), the file watch still reloads changed routes.
     */
    @SuppressWarnings("removal")
    private static void onHangup(Runnable action, Logger log) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
        } catch (IllegalArgumentException | IllegalStateException | LinkageError e) {
            log.warn("SIGHUP cannot be caught on this JVM (" + e + "); the routes file is still reloaded when it "
                    + "changes");
        }
    }

    /** Maps the configuration onto what the server needs. */
    static ServerSettings settings(TackConfig config) {
        var proxy = config.proxy();
        var handler = config.handler();
        var tack = config.tack();
        var limits = tack.limits();
        PublishSettings publish = new PublishSettings(handler.pushInHttpMaxBodySize(),
                handler.pushInHttpMaxHeadersSize(), tack.fastlyServiceId(), tack.fastlyApiKey(),
                tack.publishBearerToken(), tack.publishJwtKey(), tack.publishJwtIss(), tack.publishBasicAuth(),
                seconds(limits.publishTimeout()));
        ForwardingPolicy forwarding = new ForwardingPolicy(proxy.acceptXForwardedProtocol(),
                proxy.setXForwardedProtocol(), proxy.xForwardedFor(), proxy.xForwardedForTrusted(),
                proxy.cdnLoop());
        List<InetSocketAddress> clients = config.clientListeners().stream().map(TackMain::address).toList();
        List<InetSocketAddress> https = config.httpsListeners().stream().map(TackMain::address).toList();
        InetSocketAddress prometheus = handler.prometheusListener() == null ? null : address(handler.prometheusListener());
        return ServerSettings.builder()
                .clientListeners(clients)
                .publishListener(address(config.publishListener()))
                .prometheusListener(prometheus)
                .prometheusPrefix(handler.prometheusPrefix())
                .routes(config.routes())
                .acceptPushpinRoute(proxy.acceptPushpinRoute())
                .forwarding(forwarding)
                .publish(publish)
                .sigKey(proxy.sigKey())
                .sigIss(proxy.sigIss())
                .upstreamKey(proxy.upstreamKey())
                .configDir(config.configDir())
                .clientHeaderSize(config.runner().clientBufferSize())
                .subscriptionMax(handler.connectionSubscriptionMax())
                .outboxMax(tack.outboxMaxMessages())
                .wsMaxMessageSize(tack.wsMaxMessageSize())
                .allowCompression(config.runner().allowCompression())
                .debug(proxy.debug())
                .sequencing(new ServerSettings.Sequencing(handler.messageWaitMillis(), handler.idCacheTtlSeconds()))
                .zmq(new ZmqSettings(handler.pushInSpec(), handler.pushInSubSpecs(), handler.pushInSubConnect(),
                        handler.commandSpec()))
                .admin(new AdminSettings(config.operations().adminBearerToken(), summary(config),
                        AdminSettings.DEFAULT_TOP_CHANNELS))
                .engine(tack.engine())
                .reusePort(tack.reusePort())
                .httpsListeners(https)
                .certsDir(config.certsDir())
                .routesFile(config.routesFile())
                .autoCrossOrigin(proxy.autoCrossOrigin())
                .logFrom(proxy.logFrom())
                .logUserAgent(proxy.logUserAgent())
                .reliability(new ReliableGrip.Settings(handler.updateOnFirstSubscription(),
                        handler.subscriptionLingerSeconds() * 1000L))
                .history(tack.history())
                .limits(new ClientLimits(config.runner().clientMaxconn(), seconds(limits.clientHeadTimeout()),
                        seconds(limits.clientBodyTimeout()), seconds(limits.clientIdleTimeout()), limits.tcpKeepalive(),
                        seconds(limits.wsPingInterval()), seconds(limits.wsPongTimeout()), limits.outboxMaxBytes(),
                        seconds(limits.writeTimeout()), seconds(limits.drainWindow())))
                .originPoolMaxIdle(limits.originPoolMaxIdle())
                .build();
    }

    private static long seconds(int seconds) {
        return seconds * 1000L;
    }

    /** The status page's lines about the configuration; never a key or token, only whether one is set. */
    private static Map<String, String> summary(TackConfig config) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("config file", config.configFile().toString());
        lines.put("routes file", config.routesFile() == null ? "(--route lines or none)" : config.routesFile().toString());
        lines.put("log", "level " + config.logLevel() + ", " + config.operations().logFormat().configName() + " format");
        lines.put("Grip-Sig", config.proxy().sigKey().isEmpty() ? "off" : "signed, iss " + config.proxy().sigIss());
        lines.put("prometheus_prefix", config.handler().prometheusPrefix().isEmpty() ? "(none)"
                : config.handler().prometheusPrefix());
        lines.put("status page token", config.operations().adminBearerToken().isEmpty() ? "off" : "required");
        return lines;
    }

    private static InetSocketAddress address(ListenAddress listen) {
        return new InetSocketAddress(listen.host(), listen.port());
    }
}
