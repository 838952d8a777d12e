package dev.tack.proxy.server;

import dev.tack.proxy.admin.AdminSettings;
import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.history.HistorySettings;
import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.origin.OriginTimings;
import dev.tack.proxy.publish.PublishSettings;
import dev.tack.proxy.publish.zmq.ZmqSettings;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.session.ReliableGrip;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the server needs, already validated. The composition root builds it from {@code TackConfig};
 * tests start from {@link #loopback} and change what they need through {@link #toBuilder()}.
 *
 * @param clientListeners where clients connect ({@code http_port}, {@code --port})
 * @param publishListener the publish API ({@code push_in_http_addr}:{@code push_in_http_port})
 * @param prometheusListener where metrics are served, or null
 * @param sigKey {@code [proxy] sig_key} as written in the config ({@code ""}: no Grip-Sig)
 * @param configDir where {@code file:} keys are resolved
 * @param clientHeaderSize {@code client_buffer_size}: the most a request head may take
 * @param subscriptionMax {@code connection_subscription_max}
 * @param outboxMax messages that may wait for one slow client
 * @param wsMaxMessageSize the largest WebSocket message (continuations joined) a client may send
 * @param eventLoops worker threads; 0 means one per core
 * @param originTimings how long origins may take
 * @param sequencing {@code message_wait} and {@code id_cache_ttl}
 * @param zmq the ZeroMQ publish inputs ({@code push_in_spec}, {@code push_in_sub_specs}, {@code command_spec})
 * @param admin the metrics port's token and status page summary
 * @param engine the engine this node shares publishes through ({@code [tack] engine} and friends)
 * @param reusePort whether client listeners bind with {@code SO_REUSEPORT} ({@code [tack] reuse_port})
 * @param httpsListeners where TLS clients connect ({@code [runner] https_ports}, {@code --port ...,tls})
 * @param certsDir where TLS certificates are ({@code <config dir>/runner/certs}, Pushpin's layout)
 * @param routesFile the routes file to reload on SIGHUP or a change, or null (routes given as lines)
 * @param autoCrossOrigin {@code [proxy] auto_cross_origin}: CORS headers and JSON-P on every route
 * @param logFrom {@code [proxy] log_from}: {@code from=<ip>} in request log lines
 * @param logUserAgent {@code [proxy] log_user_agent}: {@code ua=<agent>} in request log lines
 * @param reliability {@code update_on_first_subscription} and {@code subscription_linger} as reliable GRIP uses them
 * @param history channel history for resuming clients ({@code [tack] history_*}, docs/history.md)
 * @param limits {@code client_maxconn}, the client timers, the outbox's bytes and write deadline, the drain window
 * @param originPoolMaxIdle {@code [tack] origin_pool_max_idle}: idle origin connections per event loop and target
 */
public record ServerSettings(List<InetSocketAddress> clientListeners, InetSocketAddress publishListener,
        InetSocketAddress prometheusListener, String prometheusPrefix, List<Route> routes, boolean acceptPushpinRoute,
        ForwardingPolicy forwarding, PublishSettings publish, String sigKey, String sigIss, String upstreamKey,
        Path configDir, int clientHeaderSize, int subscriptionMax, int outboxMax, int wsMaxMessageSize,
        boolean allowCompression, boolean debug, int eventLoops, OriginTimings originTimings,
        Sequencing sequencing, ZmqSettings zmq, AdminSettings admin, EngineSettings engine, boolean reusePort,
        List<InetSocketAddress> httpsListeners, Path certsDir, Path routesFile, boolean autoCrossOrigin,
        boolean logFrom, boolean logUserAgent, ReliableGrip.Settings reliability, HistorySettings history,
        ClientLimits limits, int originPoolMaxIdle) {

    /**
     * @param messageWaitMillis how long an out-of-order item waits for the item it follows
     * @param idCacheTtlSeconds how long a published id is remembered so that repeats are dropped (0: off)
     */
    public record Sequencing(long messageWaitMillis, long idCacheTtlSeconds) {
    }

    public ServerSettings {
        clientListeners = List.copyOf(clientListeners);
        httpsListeners = List.copyOf(httpsListeners);
        Objects.requireNonNull(certsDir, "certsDir");
        routes = List.copyOf(routes);
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(originTimings, "originTimings");
        Objects.requireNonNull(sequencing, "sequencing");
        Objects.requireNonNull(zmq, "zmq");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(reliability, "reliability");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * Settings for tests and embedding: every listener (metrics too) on a loopback ephemeral port, two event
     * loops, Pushpin's defaults otherwise.
     */
    public static ServerSettings loopback(List<Route> routes, String sigKey) {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        return new Builder().clientListeners(List.of(any)).publishListener(any).prometheusListener(any)
                .routes(routes).acceptPushpinRoute(true).sigKey(sigKey).eventLoops(2).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds settings; unset values are Pushpin's defaults. */
    public static final class Builder {
        private List<InetSocketAddress> clientListeners = List.of(new InetSocketAddress(7999));
        private InetSocketAddress publishListener = new InetSocketAddress("127.0.0.1", 5561);
        private InetSocketAddress prometheusListener;
        private String prometheusPrefix = "";
        private List<Route> routes = List.of();
        private boolean acceptPushpinRoute;
        private ForwardingPolicy forwarding = ForwardingPolicy.none();
        private PublishSettings publish = PublishSettings.open();
        private String sigKey = "";
        private String sigIss = "pushpin";
        private String upstreamKey = "";
        private Path configDir = Path.of(".");
        private int clientHeaderSize = 8192;
        private int subscriptionMax = 20;
        private int outboxMax = 100;
        private int wsMaxMessageSize = 1_000_000;
        private boolean allowCompression;
        private boolean debug;
        private int eventLoops;
        private OriginTimings originTimings = OriginTimings.defaults();
        private Sequencing sequencing = new Sequencing(5000, 0);
        private ZmqSettings zmq = ZmqSettings.off();
        private AdminSettings admin = AdminSettings.open();
        private EngineSettings engine = EngineSettings.local();
        private boolean reusePort;
        private List<InetSocketAddress> httpsListeners = List.of();
        private Path certsDir = Path.of("runner", "certs");
        private Path routesFile;
        private boolean autoCrossOrigin;
        private boolean logFrom;
        private boolean logUserAgent;
        private ReliableGrip.Settings reliability = ReliableGrip.Settings.defaults();
        private HistorySettings history = HistorySettings.off();
        private ClientLimits limits = ClientLimits.DEFAULTS;
        private int originPoolMaxIdle = 32;

        private Builder() {
        }

        private Builder(ServerSettings s) {
            clientListeners = s.clientListeners;
            publishListener = s.publishListener;
            prometheusListener = s.prometheusListener;
            prometheusPrefix = s.prometheusPrefix;
            routes = s.routes;
            acceptPushpinRoute = s.acceptPushpinRoute;
            forwarding = s.forwarding;
            publish = s.publish;
            sigKey = s.sigKey;
            sigIss = s.sigIss;
            upstreamKey = s.upstreamKey;
            configDir = s.configDir;
            clientHeaderSize = s.clientHeaderSize;
            subscriptionMax = s.subscriptionMax;
            outboxMax = s.outboxMax;
            wsMaxMessageSize = s.wsMaxMessageSize;
            allowCompression = s.allowCompression;
            debug = s.debug;
            eventLoops = s.eventLoops;
            originTimings = s.originTimings;
            sequencing = s.sequencing;
            zmq = s.zmq;
            admin = s.admin;
            engine = s.engine;
            reusePort = s.reusePort;
            httpsListeners = s.httpsListeners;
            certsDir = s.certsDir;
            routesFile = s.routesFile;
            autoCrossOrigin = s.autoCrossOrigin;
            logFrom = s.logFrom;
            logUserAgent = s.logUserAgent;
            reliability = s.reliability;
            history = s.history;
            limits = s.limits;
            originPoolMaxIdle = s.originPoolMaxIdle;
        }

        public Builder clientListeners(List<InetSocketAddress> value) {
            clientListeners = value;
            return this;
        }

        public Builder publishListener(InetSocketAddress value) {
            publishListener = value;
            return this;
        }

        public Builder prometheusListener(InetSocketAddress value) {
            prometheusListener = value;
            return this;
        }

        public Builder prometheusPrefix(String value) {
            prometheusPrefix = value;
            return this;
        }

        public Builder routes(List<Route> value) {
            routes = value;
            return this;
        }

        public Builder acceptPushpinRoute(boolean value) {
            acceptPushpinRoute = value;
            return this;
        }

        public Builder forwarding(ForwardingPolicy value) {
            forwarding = value;
            return this;
        }

        public Builder publish(PublishSettings value) {
            publish = value;
            return this;
        }

        public Builder sigKey(String value) {
            sigKey = value;
            return this;
        }

        public Builder sigIss(String value) {
            sigIss = value;
            return this;
        }

        public Builder upstreamKey(String value) {
            upstreamKey = value;
            return this;
        }

        public Builder configDir(Path value) {
            configDir = value;
            return this;
        }

        public Builder clientHeaderSize(int value) {
            clientHeaderSize = value;
            return this;
        }

        public Builder subscriptionMax(int value) {
            subscriptionMax = value;
            return this;
        }

        public Builder outboxMax(int value) {
            outboxMax = value;
            return this;
        }

        public Builder wsMaxMessageSize(int value) {
            wsMaxMessageSize = value;
            return this;
        }

        public Builder allowCompression(boolean value) {
            allowCompression = value;
            return this;
        }

        public Builder debug(boolean value) {
            debug = value;
            return this;
        }

        public Builder eventLoops(int value) {
            eventLoops = value;
            return this;
        }

        public Builder originTimings(OriginTimings value) {
            originTimings = value;
            return this;
        }

        public Builder sequencing(Sequencing value) {
            sequencing = value;
            return this;
        }

        public Builder zmq(ZmqSettings value) {
            zmq = value;
            return this;
        }

        public Builder admin(AdminSettings value) {
            admin = value;
            return this;
        }

        public Builder engine(EngineSettings value) {
            engine = value;
            return this;
        }

        public Builder reusePort(boolean value) {
            reusePort = value;
            return this;
        }

        public Builder httpsListeners(List<InetSocketAddress> value) {
            httpsListeners = value;
            return this;
        }

        public Builder certsDir(Path value) {
            certsDir = value;
            return this;
        }

        public Builder routesFile(Path value) {
            routesFile = value;
            return this;
        }

        public Builder autoCrossOrigin(boolean value) {
            autoCrossOrigin = value;
            return this;
        }

        public Builder logFrom(boolean value) {
            logFrom = value;
            return this;
        }

        public Builder logUserAgent(boolean value) {
            logUserAgent = value;
            return this;
        }

        public Builder reliability(ReliableGrip.Settings value) {
            reliability = value;
            return this;
        }

        public Builder history(HistorySettings value) {
            history = value;
            return this;
        }

        public Builder limits(ClientLimits value) {
            limits = value;
            return this;
        }

        public Builder originPoolMaxIdle(int value) {
            originPoolMaxIdle = value;
            return this;
        }

        public ServerSettings build() {
            return new ServerSettings(clientListeners, publishListener, prometheusListener, prometheusPrefix, routes,
                    acceptPushpinRoute, forwarding, publish, sigKey, sigIss, upstreamKey, configDir, clientHeaderSize,
                    subscriptionMax, outboxMax, wsMaxMessageSize, allowCompression, debug, eventLoops, originTimings,
                    sequencing, zmq, admin, engine, reusePort, httpsListeners, certsDir, routesFile, autoCrossOrigin,
                    logFrom, logUserAgent, reliability, history, limits, originPoolMaxIdle);
        }
    }
}
