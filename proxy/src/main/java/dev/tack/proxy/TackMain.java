package dev.tack.proxy;

import dev.tack.proxy.config.Cli;
import dev.tack.proxy.config.CliOptions;
import dev.tack.proxy.config.ConfigException;
import dev.tack.proxy.config.ConfigLoader;
import dev.tack.proxy.config.ListenAddress;
import dev.tack.proxy.config.TackConfig;
import dev.tack.proxy.log.TackLogging;
import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.publish.PublishSettings;
import dev.tack.proxy.publish.zmq.ZmqSettings;
import dev.tack.proxy.server.ServerSettings;
import dev.tack.proxy.server.TackServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Tack's entry point, with Pushpin's runner flags ({@code --config}, {@code --port}, {@code --route},
 * {@code --id}, {@code --loglevel}, {@code --verbose}). Reads the config, starts every listener and logs a line
 * ending in {@code started}, which the Fastly CLI waits for (docs/compatibility.md "Fastly").
 */
public final class TackMain {

    private TackMain() {
    }

    public static void main(String[] args) throws Exception {
        // Netty recycles the per-write objects of a fan-out per thread; its default of 4,096 would overflow on a
        // publish to more subscribers than that per event loop (bench/README.md, FanOutBench).
        if (System.getProperty("io.netty.recycler.maxCapacityPerThread") == null) {
            System.setProperty("io.netty.recycler.maxCapacityPerThread", "32768");
        }
        CliOptions cli;
        TackConfig config;
        try {
            cli = Cli.parse(args);
            if (cli == null) {
                return;
            }
            config = ConfigLoader.load(cli);
        } catch (ConfigException e) {
            System.err.println("tack: " + e.getMessage());
            System.exit(1);
            return;
        }
        TackLogging.install(config.logLevel());
        Logger log = Logger.getLogger(TackMain.class.getName());
        log.info("using config " + config.configFile() + (config.routesFile() == null ? "" : ", routes "
                + config.routesFile()));
        if (config.proxy().autoCrossOrigin() || config.routes().stream().anyMatch(r -> r.autoCrossOrigin())) {
            log.warning("[proxy] auto_cross_origin / route aco: automatic CORS headers are not implemented yet; "
                    + "responses go out without them");
        }
        TackServer server;
        try {
            server = TackServer.start(settings(config), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            log.severe("cannot start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            log.severe("cannot start: " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            server.close();
            stopped.countDown();
        }, "tack-shutdown"));
        log.info(Cli.version() + " started");
        stopped.await();
    }

    /** Maps the configuration onto what the server needs. */
    static ServerSettings settings(TackConfig config) {
        var proxy = config.proxy();
        var handler = config.handler();
        var tack = config.tack();
        PublishSettings publish = new PublishSettings(handler.pushInHttpMaxBodySize(),
                handler.pushInHttpMaxHeadersSize(), tack.fastlyServiceId(), tack.fastlyApiKey(),
                tack.publishBearerToken(), tack.publishJwtKey(), tack.publishJwtIss(), tack.publishBasicAuth());
        ForwardingPolicy forwarding = new ForwardingPolicy(proxy.acceptXForwardedProtocol(),
                proxy.setXForwardedProtocol(), proxy.xForwardedFor(), proxy.xForwardedForTrusted(),
                proxy.cdnLoop());
        List<InetSocketAddress> clients = config.clientListeners().stream().map(TackMain::address).toList();
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
                .build();
    }

    private static InetSocketAddress address(ListenAddress listen) {
        return new InetSocketAddress(listen.host(), listen.port());
    }
}
