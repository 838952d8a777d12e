package dev.tack.proxy.metrics;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.OutboxEvents;
import dev.tack.proxy.log.ConnectionLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Tack's metrics, served in the Prometheus text format on {@code prometheus_port} (names and labels in
 * {@code docs/operations.md}). Pushpin's five metrics keep their exact names and shape
 * ({@code request_received}, {@code connection_connected}, {@code connection_minute}, {@code message_received},
 * {@code message_sent}, behind {@code prometheus_prefix}); Tack's own families are labelled, start with
 * {@code tack_}, and never take a channel name as a label. JVM, GC, process and Netty meters come from
 * Micrometer's binders once {@link #bindSystem} is called.
 *
 * <p>Thread-safe: every method may be called from any event loop.
 */
public final class TackMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PushpinMetrics pushpin;
    private final ConnectionMeters connections;
    private final PublishMeters publishes;
    private final OriginMeters origins;
    private final AtomicLong channels = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private SystemMeters system;

    /** Metrics with Pushpin's names behind {@code prefix} ({@code prometheus_prefix}; may be empty). */
    public TackMetrics(String prefix) {
        this(prefix, System::nanoTime, "dev");
    }

    /**
     * @param nanoTime the time source of {@code connection_minute}
     * @param version  Tack's version, the label of {@code tack_info}
     */
    public TackMetrics(String prefix, LongSupplier nanoTime, String version) {
        pushpin = new PushpinMetrics(prefix, nanoTime);
        connections = new ConnectionMeters(registry, pushpin.connectionConnected);
        publishes = new PublishMeters(registry);
        origins = new OriginMeters(registry);
        Gauge.builder("tack.info", () -> 1).tag("version", version).description("Tack's version").register(registry);
        Gauge.builder("tack.subscriptions", subscriptions::get)
                .description("Subscriptions (connection, channel) now").register(registry);
        Gauge.builder("tack.channels", channels::get)
                .description("Channels with subscribers now, summed over event loops (one on two loops counts twice)").register(registry);
    }

    /** Adds the JVM, process and Netty meters; {@code loops} are the event loops whose backlog is shown. */
    public void bindSystem(EventLoopGroup loops) {
        system = new SystemMeters(registry, loops);
    }

    /** Adds the connection-minute sample to be taken every few seconds (Pushpin's {@code connection_minute}). */
    public void sampleConnectionMinutes() {
        pushpin.connectionMinutes.sample();
    }

    // --- connections ---

    /** A client connection was accepted (Pushpin's {@code connection_connected} and {@code transport=http}). */
    public void clientConnected() {
        connections.opened(ClientTransport.HTTP);
    }

    public void clientDisconnected() {
        connections.closed(ClientTransport.HTTP);
    }

    /** A connection became a held {@code transport} (long-poll, stream, SSE, WebSocket). */
    public void holdStarted(ClientTransport transport) {
        connections.opened(transport);
    }

    public void holdEnded(ClientTransport transport) {
        connections.closed(transport);
    }

    /**
     * Counts a client connection's failure by reason and logs it at debug with the connection's id and route:
     * one origin outage can fail thousands of connections, which must not be thousands of warnings.
     *
     * @param route the route id, or {@code null} before routing
     */
    public ConnectionFailure connectionFailed(Logger log, Channel channel, ClientTransport transport, String route,
            Throwable cause) {
        ConnectionFailure reason = connections.failed(transport, cause);
        ConnectionLog.debug(log, channel, route).log("{} connection failed ({}): {}", transport.label(),
                reason.label(), cause.toString());
        return reason;
    }

    /**
     * Counts a client connection that Tack ended on purpose, for {@code reason}: refused over {@code client_maxconn},
     * disconnected for being too slow, or timed out. The caller logs it.
     */
    public void connectionEnded(ClientTransport transport, ConnectionFailure reason) {
        connections.failed(transport, reason);
    }

    // --- publishing and delivery ---

    /** Items accepted from {@code source}; counts them and the formats they carry. */
    public void published(PublishSource source, List<PublishItem> items) {
        publishes.published(source, items);
    }

    public void publishRejected(PublishSource source) {
        publishes.rejected(source);
    }

    /** {@code count} items were written to subscribers in {@code format}. */
    public void delivered(DeliveryFormat format, long count) {
        publishes.delivered(format, count);
    }

    public void dropped(DropReason reason, long count) {
        publishes.dropped(reason, count);
    }

    /** Shows a drop count another component keeps (such as the registry's skipped items). */
    public void countDrops(DropReason reason, LongSupplier total) {
        publishes.countedElsewhere(reason, total);
    }

    /** What every {@code Outbox} should report to: drops ({@code outbox_full}) and the messages waiting. */
    public OutboxEvents outboxEvents() {
        return publishes;
    }

    // --- origins ---

    /** Makes a route's origin series exist before its first request. */
    public void registerRoute(String route) {
        origins.register(route);
    }

    /** An origin request of {@code kind} on {@code route} was answered after {@code nanos}. */
    public void originRequest(String route, OriginKind kind, long nanos) {
        origins.request(route, kind, nanos);
    }

    public void originError(String route, OriginKind kind, OriginFailure failure) {
        origins.error(route, kind, failure);
    }

    // --- the status page's counts ---

    /** Sets the registry's counts, which take a task on every event loop to gather (done per scrape). */
    public void registryCounts(int channelCount, int subscriptionCount) {
        channels.set(channelCount);
        subscriptions.set(subscriptionCount);
    }

    /** Today's totals. */
    public MetricsSnapshot snapshot() {
        Map<ClientTransport, Long> byTransport = new EnumMap<>(ClientTransport.class);
        for (ClientTransport transport : ClientTransport.values()) {
            byTransport.put(transport, connections.current(transport));
        }
        return new MetricsSnapshot(pushpin.connectionConnected.get(), byTransport, pushpin.requestReceived.sum(),
                publishes.items(), publishes.rejected(), pushpin.messageSent.sum(), publishes.drops(),
                publishes.outboxQueued(), connections.failures(), origins.totals());
    }

    /** The Prometheus text exposition (format 0.0.4): Pushpin's five metrics, then every other family. */
    public String scrape() {
        StringBuilder out = new StringBuilder(16 * 1024);
        pushpin.write(out);
        return out.append(registry.scrape()).toString();
    }

    @Override
    public void close() {
        if (system != null) {
            system.close();
        }
        registry.close();
    }

    // --- Pushpin's request and message counts ---

    public void requestReceived() {
        pushpin.requestReceived.increment();
    }

    /** Items received by the publish API (Pushpin's {@code message_received}). */
    public void messagesReceived(int count) {
        pushpin.messageReceived.add(count);
    }

    /** Items written to subscribers (Pushpin's {@code message_sent}). */
    public void messagesSent(long count) {
        pushpin.messageSent.add(count);
    }

    /**
     * A counter some other part of Tack owns (the engine's, for one): {@code name} {@code engine_up} is
     * scraped as {@code tack_engine_up_total}.
     */
    public Counter counter(String name, String description) {
        return Counter.builder("tack." + name).description(description).register(registry);
    }

    /**
     * A labelled counter some other part of Tack owns: {@code counter("history_recover", ..., "result",
     * "recovered")} is scraped as {@code tack_history_recover_total{result="recovered"}}. The label value must come
     * from a short fixed set, never from a channel name or client input.
     */
    public Counter counter(String name, String description, String label, String value) {
        return Counter.builder("tack." + name).description(description).tag(label, value).register(registry);
    }

    /**
     * Exposes the file descriptors one owner holds now as {@code tack_descriptors{owner}} ({@code client},
     * {@code origin}, {@code origin_idle}, {@code listener}, {@code engine}; docs/reliability.md "Descriptors").
     */
    public void descriptors(String owner, java.util.function.Supplier<Number> value) {
        Gauge.builder("tack.descriptors", value).tag("owner", owner)
                .description("File descriptors Tack holds now, by owner (process_files_open_files: the whole process)")
                .register(registry);
    }

    /** Exposes a value some other part of Tack keeps as the gauge {@code tack_<name>}. */
    public void gauge(String name, String description, java.util.function.Supplier<Number> value) {
        Gauge.builder("tack." + name, value).description(description).register(registry);
    }
}
