package dev.tack.proxy.server;

import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.origin.OriginTimings;
import dev.tack.proxy.publish.PublishSettings;
import dev.tack.proxy.route.Route;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the server needs, already validated (the composition root builds it from {@code TackConfig};
 * tests build it directly).
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
 */
public record ServerSettings(List<InetSocketAddress> clientListeners, InetSocketAddress publishListener,
        InetSocketAddress prometheusListener, String prometheusPrefix, List<Route> routes, boolean acceptPushpinRoute,
        ForwardingPolicy forwarding, PublishSettings publish, String sigKey, String sigIss, String upstreamKey,
        Path configDir, int clientHeaderSize, int subscriptionMax, int outboxMax, int wsMaxMessageSize,
        boolean allowCompression, boolean debug, int eventLoops, OriginTimings originTimings,
        Sequencing sequencing) {

    /** Settings for tests and embedding: every listener (metrics too) on a loopback ephemeral port,
     * Pushpin's defaults otherwise. */
    public static ServerSettings loopback(List<Route> routes, String sigKey) {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        return new ServerSettings(List.of(any), any, any, "", routes, true, ForwardingPolicy.none(),
                PublishSettings.open(), sigKey, "pushpin", "", Path.of("."), 8192, 20, 100, 1 << 20, false, false, 2, OriginTimings.defaults(),
                new Sequencing(5000, 0));
    }

    public ServerSettings withPublish(PublishSettings publish) {
        return new ServerSettings(clientListeners, publishListener, prometheusListener, prometheusPrefix, routes,
                acceptPushpinRoute, forwarding, publish, sigKey, sigIss, upstreamKey, configDir, clientHeaderSize,
                subscriptionMax, outboxMax, wsMaxMessageSize, allowCompression, debug, eventLoops, originTimings, sequencing);
    }

    public ServerSettings withOriginTimings(OriginTimings originTimings) {
        return new ServerSettings(clientListeners, publishListener, prometheusListener, prometheusPrefix, routes,
                acceptPushpinRoute, forwarding, publish, sigKey, sigIss, upstreamKey, configDir, clientHeaderSize,
                subscriptionMax, outboxMax, wsMaxMessageSize, allowCompression, debug, eventLoops, originTimings, sequencing);
    }

    public ServerSettings withForwarding(ForwardingPolicy forwarding) {
        return new ServerSettings(clientListeners, publishListener, prometheusListener, prometheusPrefix, routes,
                acceptPushpinRoute, forwarding, publish, sigKey, sigIss, upstreamKey, configDir, clientHeaderSize,
                subscriptionMax, outboxMax, wsMaxMessageSize, allowCompression, debug, eventLoops, originTimings, sequencing);
    }

    public ServerSettings withSequencing(Sequencing sequencing) {
        return new ServerSettings(clientListeners, publishListener, prometheusListener, prometheusPrefix, routes,
                acceptPushpinRoute, forwarding, publish, sigKey, sigIss, upstreamKey, configDir, clientHeaderSize,
                subscriptionMax, outboxMax, wsMaxMessageSize, allowCompression, debug, eventLoops, originTimings, sequencing);
    }

    public ServerSettings withOutboxMax(int outboxMax) {
        return new ServerSettings(clientListeners, publishListener, prometheusListener, prometheusPrefix, routes,
                acceptPushpinRoute, forwarding, publish, sigKey, sigIss, upstreamKey, configDir, clientHeaderSize,
                subscriptionMax, outboxMax, wsMaxMessageSize, allowCompression, debug, eventLoops, originTimings, sequencing);
    }

    /**
     * @param messageWaitMillis how long an out-of-order item waits for the item it follows
     * @param idCacheTtlSeconds how long a published id is remembered so that repeats are dropped (0: off)
     */
    public record Sequencing(long messageWaitMillis, long idCacheTtlSeconds) {
    }
}
