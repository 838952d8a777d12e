package dev.tack.proxy.server;

import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.origin.Origin;
import dev.tack.proxy.origin.Signers;
import dev.tack.proxy.publish.PublishChannelInitializer;
import dev.tack.proxy.publish.PublishService;
import dev.tack.proxy.publish.zmq.ZmqInputs;
import dev.tack.proxy.route.RouteTable;
import dev.tack.proxy.session.ProxyEnvironment;
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
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The composition root of the running proxy: builds the event loops, registry, the one {@link Origin}, signers,
 * metrics and the time source once, passes them in, and binds the client, publish and metrics listeners.
 */
public final class TackServer implements AutoCloseable {

    private static final Logger log = Logger.getLogger(TackServer.class.getName());

    private final Transport transport;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final SubscriptionRegistry registry;
    private final TackMetrics metrics;
    private final PublishService publishService;
    private final TimeSource time;
    private final List<Channel> listeners = new ArrayList<>();
    private final List<InetSocketAddress> clientAddresses = new ArrayList<>();
    private InetSocketAddress publishAddress;
    private InetSocketAddress prometheusAddress;
    private ZmqInputs zmqInputs;

    private TackServer(ServerSettings settings, TimeSource time) {
        this.time = time;
        transport = Transport.choose(System.getProperty("tack.transport"));
        IoHandlerFactory io = transport.handlers();
        int threads = settings.eventLoops() > 0 ? settings.eventLoops() : Runtime.getRuntime().availableProcessors();
        acceptors = new MultiThreadIoEventLoopGroup(1, io);
        workers = new MultiThreadIoEventLoopGroup(threads, io);
        registry = new SubscriptionRegistry(workers);
        metrics = new TackMetrics(settings.prometheusPrefix() == null ? "" : settings.prometheusPrefix());
        metrics.gauge("publish_skipped", "Published items a busy event loop skipped (its backlog was full)",
                registry::skippedItems);
        publishService = new PublishService(registry, PooledByteBufAllocator.DEFAULT, metrics,
                settings.sequencing().messageWaitMillis(), settings.sequencing().idCacheTtlSeconds(), workers.next(),
                time);
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
        Origin origin = new Origin(clientChannel, settings.originTimings(), signers, settings.forwarding(), metrics, time);
        ProxyEnvironment env = new ProxyEnvironment(origin, registry, metrics, settings.subscriptionMax(),
                settings.outboxMax(), settings.debug());
        RouteTable routes = new RouteTable(settings.routes());
        WebSocketUpgrader webSockets = new WsHandshake(env, settings.wsMaxMessageSize(), settings.allowCompression());
        ChannelInitializer<SocketChannel> clients = new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec(8192, settings.clientHeaderSize(), 8192));
                ch.pipeline().addLast(PipelineNames.EXPECT_CONTINUE, new HttpServerExpectContinueHandler());
                ch.pipeline().addLast(PipelineNames.CLIENT, new ClientHttpHandler(env, routes,
                        settings.acceptPushpinRoute(), settings.forwarding().acceptXForwardedProtocol(), webSockets));
            }
        };
        for (InetSocketAddress address : settings.clientListeners()) {
            Channel channel = serverBootstrap(serverChannel).childHandler(clients).bind(address).sync().channel();
            listeners.add(channel);
            clientAddresses.add((InetSocketAddress) channel.localAddress());
        }
        Channel publish = serverBootstrap(serverChannel)
                .childHandler(new PublishChannelInitializer(publishService, settings.publish(), metrics, clock))
                .bind(settings.publishListener()).sync().channel();
        listeners.add(publish);
        publishAddress = (InetSocketAddress) publish.localAddress();
        if (settings.zmq().enabled()) {
            zmqInputs = ZmqInputs.start(settings.zmq(), publishService, metrics);
        }
        if (settings.prometheusListener() != null) {
            Channel prometheus = serverBootstrap(serverChannel).childHandler(new MetricsChannelInitializer(metrics))
                    .bind(settings.prometheusListener()).sync().channel();
            listeners.add(prometheus);
            prometheusAddress = (InetSocketAddress) prometheus.localAddress();
        }
        log.info("listening for clients on " + clientAddresses + ", publishes on " + publishAddress
                + (prometheusAddress == null ? "" : ", metrics on " + prometheusAddress)
                + " (" + transport.name() + ", " + settings.routes().size() + " routes)");
    }

    private ServerBootstrap serverBootstrap(Class<? extends ServerChannel> serverChannel) {
        return new ServerBootstrap()
                .group(acceptors, workers)
                .channel(serverChannel)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024));
    }

    public List<InetSocketAddress> clientAddresses() {
        return List.copyOf(clientAddresses);
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

    /** Stops listening, closes every connection and waits for the event loops to end. */
    @Override
    public void close() {
        if (zmqInputs != null) {
            zmqInputs.close();
        }
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly();
        }
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        acceptors.terminationFuture().awaitUninterruptibly();
    }
}
