package dev.tack.proxy.server;

import dev.tack.proxy.admin.AdminChannelInitializer;
import dev.tack.proxy.admin.AdminSettings;
import dev.tack.proxy.config.Cli;
import dev.tack.proxy.engine.Engine;
import dev.tack.proxy.delivery.OutboxLimits;
import dev.tack.proxy.engine.Engines;
import dev.tack.proxy.history.History;
import dev.tack.proxy.metrics.DropReason;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.origin.Origin;
import dev.tack.proxy.origin.Signers;
import dev.tack.proxy.publish.PublishChannelInitializer;
import dev.tack.proxy.publish.PublishService;
import dev.tack.proxy.publish.Receiver;
import dev.tack.proxy.publish.zmq.ZmqInputs;
import dev.tack.proxy.route.RouteTable;
import dev.tack.proxy.session.CrossOriginHandler;
import dev.tack.proxy.session.ProxyEnvironment;
import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.subscription.ChannelInterest;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import dev.tack.proxy.ws.WebSocketUpgrader;
import dev.tack.proxy.ws.WsHandshake;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.micrometer.core.instrument.Counter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the running proxy: builds the event loops, registry, the one {@link Origin}, signers,
 * metrics and the time source once, passes them in, and binds the client, publish and metrics listeners.
 *
 * <p>Longer than most classes: it is the one place that builds every part in the order they depend on each other
 * and closes them in the reverse order; what each listener does lives in its own handlers and initializers.
 */
public final class TackServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TackServer.class);
    /** How long start-up waits for a bus engine's first connection before starting without it. */
    private static final long ENGINE_START_WAIT_MILLIS = 3000;

    private final Transport transport;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final SubscriptionRegistry registry;
    private final TackMetrics metrics;
    private final Engine engine;
    private final PublishService publishService;
    private final History history;
    private final TimeSource time;
    private final List<Channel> listeners = new ArrayList<>();
    private final List<Channel> clientListeners = new ArrayList<>();
    private final List<InetSocketAddress> clientAddresses = new ArrayList<>();
    /** Every accepted connection on every listener, so that stopping can close them before the loops end. */
    private final ChannelGroup connections = new DefaultChannelGroup("tack-connections", GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long drainMillis;
    private ClientConnections clientConnections;
    private OverLimitHandler overLimit;
    private Origin origin;
    private Counter acceptFailures;
    private final List<InetSocketAddress> httpsAddresses = new ArrayList<>();
    private final AtomicReference<RouteTable> routeTable = new AtomicReference<>(new RouteTable(List.of()));
    private RoutesReloader reloader;
    private InetSocketAddress publishAddress;
    private InetSocketAddress prometheusAddress;
    private ZmqInputs zmqInputs;

    private TackServer(ServerSettings settings, TimeSource time) {
        this.time = time;
        this.drainMillis = settings.limits().drainMillis();
        transport = Transport.choose(System.getProperty("tack.transport"));
        IoHandlerFactory io = transport.handlers();
        int threads = settings.eventLoops() > 0 ? settings.eventLoops() : Runtime.getRuntime().availableProcessors();
        acceptors = new MultiThreadIoEventLoopGroup(1, io);
        workers = new MultiThreadIoEventLoopGroup(threads, io);
        ChannelInterest interest = new ChannelInterest(
                TimeUnit.MILLISECONDS.toNanos(settings.engine().lingerMillis()), System::nanoTime);
        registry = new SubscriptionRegistry(workers, interest);
        metrics = new TackMetrics(settings.prometheusPrefix() == null ? "" : settings.prometheusPrefix(),
                System::nanoTime, Cli.version());
        metrics.bindSystem(workers);
        metrics.countDrops(DropReason.LOOP_BACKLOG, registry::skippedItems);
        settings.routes().forEach(route -> metrics.registerRoute(route.id()));
        workers.next().scheduleAtFixedRate(metrics::sampleConnectionMinutes, 5, 5, TimeUnit.SECONDS);
        engine = Engines.create(settings.engine(),
                settings.history().streams(settings.sequencing().idCacheTtlSeconds() > 0), workers,
                transport.socketChannel(), metrics);
        history = History.start(settings.history(), engine.streams(), metrics, PooledByteBufAllocator.DEFAULT,
                workers.next(), time);
        Receiver receiver = new Receiver(registry, PooledByteBufAllocator.DEFAULT, metrics,
                settings.sequencing().messageWaitMillis(), settings.sequencing().idCacheTtlSeconds(), workers.next(),
                time, history);
        publishService = new PublishService(engine, receiver, metrics, settings.engine().downPolicy());
        Engines.start(engine, receiver, interest, workers, ENGINE_START_WAIT_MILLIS);
        workers.next().scheduleWithFixedDelay(interest::expireLingering, 1, 1, TimeUnit.SECONDS);
        acceptFailures = metrics.counter("accept.failures",
                "Accepts that failed (mostly: out of file descriptors); each pauses accepting briefly");
    }

    /**
     * Starts Tack and binds every listener.
     *
     * @throws IllegalArgumentException for settings that cannot be used (a key that cannot be read)
     * @throws Exception when a listener cannot be bound
     */
    public static TackServer start(ServerSettings settings, Clock clock) throws Exception {
        return start(settings, clock, TimeSource.LOOPS);
    }

    /**
     * Starts Tack with every timer on {@code time} (tests pass a source they drive).
     *
     * @param clock wall-clock time, for {@code Grip-Sig} and publish tokens
     */
    public static TackServer start(ServerSettings settings, Clock clock, TimeSource time) throws Exception {
        TackServer server = new TackServer(settings, time);
        try {
            server.bind(settings, clock);
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bind(ServerSettings settings, Clock clock) throws InterruptedException {
        Class<? extends ServerChannel> serverChannel = transport.serverChannel();
        Class<? extends Channel> clientChannel = transport.socketChannel();
        Signers signers = new Signers(settings.routes(), settings.sigKey(), settings.sigIss(), settings.upstreamKey(),
                settings.configDir(), clock);
        ClientLimits limits = settings.limits();
        origin = new Origin(clientChannel, settings.originTimings(), signers, settings.forwarding(), metrics, time,
                settings.originPoolMaxIdle());
        ReliableGrip grip = new ReliableGrip(origin, registry, workers.next(), settings.reliability());
        registry.watch(grip.watcher());
        ProxyEnvironment env = new ProxyEnvironment(origin, registry, metrics, settings.subscriptionMax(),
                new OutboxLimits(settings.outboxMax(), limits.outboxMaxBytes(), limits.writeTimeoutMillis()),
                settings.debug(), settings.logFrom(), settings.logUserAgent(), grip, history);
        routeTable.set(new RouteTable(settings.routes()));
        WebSocketUpgrader webSockets = new WsHandshake(env, settings.wsMaxMessageSize(), settings.allowCompression(),
                limits.wsPingIntervalMillis(), limits.wsPongTimeoutMillis());
        TlsCertificates certificates = settings.httpsListeners().isEmpty() ? null
                : new TlsCertificates(settings.certsDir());
        clientConnections = new ClientConnections(limits.maxConnections(), metrics, time);
        overLimit = new OverLimitHandler(limits.maxConnections(), time);
        metrics.descriptors("client", clientConnections::count);
        metrics.descriptors("origin", origin::openConnections);
        metrics.descriptors("origin_idle", origin::idleConnections);
        metrics.descriptors("listener", listeners::size);
        metrics.descriptors("engine", engine::connections);
        if (settings.reusePort() && transport.name().equals("nio")) {
            throw new IllegalArgumentException("[tack] reuse_port: true (expected: the epoll or io_uring transport; "
                    + "this JVM runs NIO)");
        }
        if (settings.zmq().enabled()) {
            // Before clients can connect: the SUB input tracks every channel from its first listener on.
            zmqInputs = ZmqInputs.start(settings.zmq(), publishService, metrics, registry);
        }
        for (InetSocketAddress address : settings.clientListeners()) {
            clientAddresses.add(bindClients(serverChannel, address, clients(settings, env, webSockets, null), settings));
        }
        for (InetSocketAddress address : settings.httpsListeners()) {
            if (address.getPort() != 0 && !certificates.exists(TlsCertificates.defaultName(address.getPort()))) {
                log.warn("[runner] https_ports: no default certificate for port " + address.getPort() + " (expected "
                        + certificates.dir().resolve(TlsCertificates.defaultName(address.getPort()) + ".crt")
                        + " and .key); clients without a matching SNI name will fail the handshake");
            }
            httpsAddresses.add(bindClients(serverChannel, address, clients(settings, env, webSockets, certificates),
                    settings));
        }
        if (certificates != null) {
            log.info("TLS on " + httpsAddresses + " with " + certificates.providerName() + ", certificates in "
                    + certificates.dir());
        }
        if (settings.routesFile() != null) {
            reloader = new RoutesReloader(settings.routesFile(), routeTable, route -> {
                signers.add(route);
                metrics.registerRoute(route.id());
            }, time, workers.next());
            try {
                reloader.watch();
            } catch (java.io.IOException e) {
                log.warn("cannot watch " + settings.routesFile() + " for changes (" + e.getMessage()
                        + "); SIGHUP still reloads it");
            }
        }
        Channel publish = serverBootstrap(serverChannel)
                .childHandler(new PublishChannelInitializer(publishService, settings.publish(), metrics, clock, time))
                .bind(settings.publishListener()).sync().channel();
        listeners.add(publish);
        publishAddress = (InetSocketAddress) publish.localAddress();
        if (settings.prometheusListener() != null) {
            AdminSettings admin = new AdminSettings(settings.admin().bearerToken(), summary(settings),
                    settings.admin().topChannels());
            Channel prometheus = serverBootstrap(serverChannel)
                    .childHandler(new AdminChannelInitializer(metrics, registry, workers, admin, System::nanoTime,
                            Cli.version()))
                    .bind(settings.prometheusListener()).sync().channel();
            listeners.add(prometheus);
            prometheusAddress = (InetSocketAddress) prometheus.localAddress();
        }
        log.info("listening for clients on " + clientAddresses
                + (httpsAddresses.isEmpty() ? "" : ", TLS clients on " + httpsAddresses) + ", publishes on " + publishAddress
                + (prometheusAddress == null ? "" : ", metrics on " + prometheusAddress)
                + " (" + transport.name() + ", " + settings.routes().size() + " routes)");
        StartupWarnings.of(settings, publishAddress, prometheusAddress).forEach(log::warn);
    }

    /** The client pipeline; with {@code certificates}, for a TLS listener. */
    private ChannelInitializer<SocketChannel> clients(ServerSettings settings, ProxyEnvironment env,
            WebSocketUpgrader webSockets, TlsCertificates certificates) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (!clientConnections.admit(ch)) {
                    ch.pipeline().addLast(PipelineNames.OVER_LIMIT, overLimit);
                    return;
                }
                if (certificates != null) {
                    ch.pipeline().addLast(PipelineNames.TLS, new TlsSniHandler(certificates, ch.localAddress().getPort()));
                }
                ch.pipeline().addLast(PipelineNames.CLIENT_TIMEOUTS, new ClientTimeouts(settings.limits(), time,
                        metrics));
                ch.pipeline().addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec(8192, settings.clientHeaderSize(), 8192));
                ch.pipeline().addLast(PipelineNames.EXPECT_CONTINUE, new HttpServerExpectContinueHandler());
                CrossOriginHandler crossOrigin = new CrossOriginHandler(settings.autoCrossOrigin());
                ch.pipeline().addLast(PipelineNames.CROSS_ORIGIN, crossOrigin);
                ch.pipeline().addLast(PipelineNames.CLIENT, new ClientHttpHandler(env, routeTable::get,
                        settings.acceptPushpinRoute(), settings.forwarding().acceptXForwardedProtocol(),
                        certificates != null, webSockets, crossOrigin));
            }
        };
    }

    private InetSocketAddress bindClients(Class<? extends ServerChannel> serverChannel, InetSocketAddress address,
            ChannelInitializer<SocketChannel> clients, ServerSettings settings) throws InterruptedException {
        ServerBootstrap bootstrap = serverBootstrap(serverChannel).childHandler(clients);
        transport.clientOptions(bootstrap, settings.limits().tcpKeepAliveSeconds());
        if (settings.reusePort()) {
            // Several processes bind the same port; the kernel spreads new connections over them.
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        Channel channel = bootstrap.bind(address).sync().channel();
        listeners.add(channel);
        clientListeners.add(channel);
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Reads the routes file again (what {@code SIGHUP} does): good routes replace the ones in force for new requests,
     * a broken file is refused with a log line and the old routes stay.
     *
     * @return whether new routes are in force; false also when the routes did not come from a file
     */
    public boolean reloadRoutes(String why) {
        if (reloader == null) {
            log.info("routes reload (" + why + "): the routes came from --route lines or nowhere; nothing to reload");
            return false;
        }
        return reloader.reload(why);
    }

    /** The routes in force now. */
    public RouteTable routes() {
        return routeTable.get();
    }

    /** The status page's configuration panel: where Tack listens and its routes, then what the caller gave. */
    private Map<String, String> summary(ServerSettings settings) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("clients", clientAddresses.stream().map(TackServer::hostPort).collect(Collectors.joining(", ")));
        if (!httpsAddresses.isEmpty()) {
            lines.put("TLS clients", httpsAddresses.stream().map(TackServer::hostPort).collect(Collectors.joining(", ")));
        }
        var publish = settings.publish();
        boolean credentials = !(publish.fastlyApiKey() + publish.bearerToken() + publish.jwtKey()
                + publish.basicAuth()).isEmpty();
        lines.put("publish API", hostPort(publishAddress) + (credentials ? " (credentials required)" : " (open)"));
        lines.put("ZeroMQ inputs", settings.zmq().enabled() ? "on" : "off");
        lines.put("event loops", ((MultiThreadIoEventLoopGroup) workers).executorCount() + " (" + transport.name() + ")");
        lines.put("routes", settings.routes().isEmpty() ? "(none)" : settings.routes().stream()
                .map(r -> r.id() + " -> " + r.targets().stream().map(t -> t.test() ? "test" : t.host() + ":" + t.port())
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
        lines.put("outbox_max_messages", String.valueOf(settings.outboxMax()));
        lines.put("client_maxconn", String.valueOf(settings.limits().maxConnections()));
        lines.put("connection_subscription_max", String.valueOf(settings.subscriptionMax()));
        lines.put("history", !settings.history().enabled() ? "off" : String.join(", ", settings.history().channels())
                + (engine.streams() != null ? " (Redis streams)" : " (memory)"));
        lines.putAll(settings.admin().configSummary());
        return lines;
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** A listener's bootstrap: its accepts are guarded ({@link AcceptGuard}) and its connections tracked. */
    private ServerBootstrap serverBootstrap(Class<? extends ServerChannel> serverChannel) {
        return new ServerBootstrap()
                .group(acceptors, workers)
                .channel(serverChannel)
                .handler(new AcceptGuard(time, acceptFailures, () -> clientConnections == null ? 0 : clientConnections.count(),
                        clientConnections == null ? 0 : clientConnections.max(), connections::add))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024));
    }

    public List<InetSocketAddress> clientAddresses() {
        return List.copyOf(clientAddresses);
    }

    /** Where TLS clients connect ({@code https_ports}), in the order configured. */
    public List<InetSocketAddress> httpsAddresses() {
        return List.copyOf(httpsAddresses);
    }

    public InetSocketAddress publishAddress() {
        return publishAddress;
    }

    public InetSocketAddress prometheusAddress() {
        return prometheusAddress;
    }

    public SubscriptionRegistry registry() {
        return registry;
    }

    public TackMetrics metrics() {
        return metrics;
    }

    /** The ZeroMQ publish inputs, or null when none is configured. */
    public ZmqInputs zmqInputs() {
        return zmqInputs;
    }

    public PublishService publishService() {
        return publishService;
    }

    /** This node's channel history ({@link History#off()} when none is kept). */
    public History history() {
        return history;
    }

    /** The engine this node shares publishes through. */
    public Engine engine() {
        return engine;
    }

    /** Client connections open now (on every client listener). */
    public int openClientConnections() {
        return clientConnections == null ? 0 : clientConnections.count();
    }

    /**
     * Starts the graceful drain (docs/reliability.md "Graceful drain"): the client listeners stop accepting, and
     * each open client connection is ended cleanly at its own moment within {@code [tack] drain_window} (WebSocket
     * close 1001, a stream's last chunk, a long-poll's timeout answer), all on the time source. The publish and
     * metrics ports keep serving meanwhile, so the connections still open receive what is published. Call
     * {@link #close()} afterwards.
     *
     * @return completes once every client connection has closed (at the latest shortly after the window)
     */
    public CompletableFuture<Void> drain() {
        for (Channel listener : clientListeners) {
            listener.close().awaitUninterruptibly();
        }
        return Drain.start(clientConnections == null ? List.of() : clientConnections.snapshot(), drainMillis, time, workers.next());
    }

    /** How long the drain spreads the closes over ({@code [tack] drain_window}). */
    public long drainMillis() {
        return drainMillis;
    }

    /**
     * Stops listening, closes every connection (clients, publishers, origins) and waits for the event loops to
     * end. Does nothing the second time.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (reloader != null) {
            reloader.close();
        }
        if (zmqInputs != null) {
            zmqInputs.close();
        }
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly();
        }
        // Closed before the loops stop, so no connection's pending read outlives its loop.
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (origin != null) {
            origin.closeConnections();
        }
        engine.close();
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        acceptors.terminationFuture().awaitUninterruptibly();
        history.close();
        metrics.close();
    }
}
