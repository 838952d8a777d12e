package dev.tack.proxy.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Pushpin's five metrics, written exactly as Pushpin's Prometheus endpoint writes them
 * ({@code src/core/statsmanager.cpp}): no labels, counters without a {@code _total} suffix, every name behind
 * {@code prometheus_prefix}, so that dashboards built for Pushpin work unchanged (see {@code docs/operations.md}):
 * <pre>
 * # HELP request_received Number of requests received
 * # TYPE request_received counter
 * request_received 12
 * </pre>
 */
final class PushpinMetrics {
    final LongAdder requestReceived = new LongAdder();
    final AtomicLong connectionConnected = new AtomicLong();
    final LongAdder messageReceived = new LongAdder();
    final LongAdder messageSent = new LongAdder();
    final ConnectionMinutes connectionMinutes;
    private final String prefix;

    PushpinMetrics(String prefix, LongSupplier nanoTime) {
        this.prefix = prefix;
        this.connectionMinutes = new ConnectionMinutes(nanoTime, connectionConnected::get);
    }

    /** Appends the five metrics in the Prometheus text format (version 0.0.4). */
    void write(StringBuilder out) {
        connectionMinutes.sample();
        family(out, "request_received", "counter", "Number of requests received", requestReceived.sum());
        family(out, "connection_connected", "gauge", "Number of concurrent connections",
                connectionConnected.get());
        family(out, "connection_minute", "counter", "Number of minutes clients have been connected",
                connectionMinutes.minutes());
        family(out, "message_received", "counter", "Number of messages received by the publish API",
                messageReceived.sum());
        family(out, "message_sent", "counter", "Number of messages sent to clients", messageSent.sum());
    }

    private void family(StringBuilder out, String name, String type, String help, long value) {
        String full = prefix + name;
        out.append("# HELP ").append(full).append(' ').append(help).append('\n')
                .append("# TYPE ").append(full).append(' ').append(type).append('\n')
                .append(full).append(' ').append(value).append('\n');
    }
}
