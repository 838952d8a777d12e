package dev.tack.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tack's counters and gauges, exposed in Prometheus text format. Four of Pushpin's five metrics keep their names
 * ({@code request_received}, {@code connection_connected}, {@code message_received}, {@code message_sent}; its
 * {@code connection_minute} is not kept); Tack adds what Pushpin users ask for (docs/compatibility.md "Metrics"):
 * drops, holds by kind, origin errors.
 */
public final class TackMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String prefix;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong responseHolds = new AtomicLong();
    private final AtomicLong streamHolds = new AtomicLong();
    private final AtomicLong webSockets = new AtomicLong();
    private final Counter requestReceived;
    private final Counter messageReceived;
    private final Counter messageSent;
    private final Counter messageDropped;
    private final Counter originErrors;
    private final Counter publishRejected;

    public TackMetrics(String prefix) {
        this.prefix = prefix;
        requestReceived = Counter.builder(prefix + "request_received")
                .description("Number of requests received").register(registry);
        messageReceived = Counter.builder(prefix + "message_received")
                .description("Number of messages received by the publish API").register(registry);
        messageSent = Counter.builder(prefix + "message_sent")
                .description("Number of messages sent to clients").register(registry);
        messageDropped = Counter.builder(prefix + "message_dropped")
                .description("Messages dropped because a client's outbox was full").register(registry);
        originErrors = Counter.builder(prefix + "origin_error")
                .description("Origin requests that failed (connect, read, bad GRIP)").register(registry);
        publishRejected = Counter.builder(prefix + "publish_rejected")
                .description("Publish requests answered with an error status").register(registry);
        Gauge.builder(prefix + "connection_connected", connections, AtomicLong::get)
                .description("Number of concurrent client connections").register(registry);
        Gauge.builder(prefix + "hold_response", responseHolds, AtomicLong::get)
                .description("Requests held as long-polls").register(registry);
        Gauge.builder(prefix + "hold_stream", streamHolds, AtomicLong::get)
                .description("Requests held as HTTP/SSE streams").register(registry);
        Gauge.builder(prefix + "websocket_connected", webSockets, AtomicLong::get)
                .description("Client WebSocket connections").register(registry);
    }

    public void requestReceived() {
        requestReceived.increment();
    }

    public void messagesReceived(int count) {
        messageReceived.increment(count);
    }

    public void messagesSent(long count) {
        messageSent.increment(count);
    }

    public void messagesDropped(int count) {
        messageDropped.increment(count);
    }

    public void originError() {
        originErrors.increment();
    }

    public void publishRejected() {
        publishRejected.increment();
    }

    public AtomicLong connections() {
        return connections;
    }

    public AtomicLong responseHolds() {
        return responseHolds;
    }

    public AtomicLong streamHolds() {
        return streamHolds;
    }

    public AtomicLong webSockets() {
        return webSockets;
    }

    /** Exposes a value some other part of Tack keeps (a counter it owns) as a gauge. */
    public void gauge(String name, String description, java.util.function.Supplier<Number> value) {
        Gauge.builder(prefix + name, value).description(description).register(registry);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
