package dev.tack.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client connections by transport: {@code tack_connections{transport}} (now),
 * {@code tack_connections_opened_total{transport}} and {@code tack_connection_failures_total{transport,reason}}.
 * Every label value exists from the start, so dashboards show zeros rather than gaps.
 */
final class ConnectionMeters {
    private final AtomicLong connected;
    private final Map<ClientTransport, AtomicLong> current = new EnumMap<>(ClientTransport.class);
    private final Map<ClientTransport, Counter> opened = new EnumMap<>(ClientTransport.class);
    private final Map<ClientTransport, Map<ConnectionFailure, Counter>> failures = new EnumMap<>(ClientTransport.class);

    /** @param connected every client connection (Pushpin's {@code connection_connected}) */
    ConnectionMeters(MeterRegistry registry, AtomicLong connected) {
        this.connected = connected;
        for (ClientTransport transport : ClientTransport.values()) {
            AtomicLong now = new AtomicLong();
            current.put(transport, now);
            Gauge.builder("tack.connections", () -> current(transport)).tag("transport", transport.label())
                    .description("Client connections now, by transport (http: not held)").register(registry);
            opened.put(transport, Counter.builder("tack.connections.opened").tag("transport", transport.label())
                    .description("Client connections opened (http) or held (the other transports)")
                    .register(registry));
            Map<ConnectionFailure, Counter> byReason = new EnumMap<>(ConnectionFailure.class);
            for (ConnectionFailure reason : ConnectionFailure.values()) {
                byReason.put(reason, Counter.builder("tack.connection.failures")
                        .tags("transport", transport.label(), "reason", reason.label())
                        .description("Client connections that ended with an error (logged at debug)")
                        .register(registry));
            }
            failures.put(transport, byReason);
        }
    }

    void opened(ClientTransport transport) {
        (transport == ClientTransport.HTTP ? connected : current.get(transport)).incrementAndGet();
        opened.get(transport).increment();
    }

    void closed(ClientTransport transport) {
        (transport == ClientTransport.HTTP ? connected : current.get(transport)).decrementAndGet();
    }

    /** The counter behind a held transport's gauge (for callers that count it themselves). */
    AtomicLong held(ClientTransport transport) {
        return current.get(transport);
    }

    /** Connections of {@code transport} now; {@code http} is every connection not held as another transport. */
    long current(ClientTransport transport) {
        if (transport != ClientTransport.HTTP) {
            return current.get(transport).get();
        }
        long held = 0;
        for (Map.Entry<ClientTransport, AtomicLong> entry : current.entrySet()) {
            if (entry.getKey() != ClientTransport.HTTP) {
                held += entry.getValue().get();
            }
        }
        return Math.max(0, connected.get() - held);
    }

    ConnectionFailure failed(ClientTransport transport, Throwable cause) {
        ConnectionFailure reason = ConnectionFailure.of(cause);
        failed(transport, reason);
        return reason;
    }

    void failed(ClientTransport transport, ConnectionFailure reason) {
        failures.get(transport).get(reason).increment();
    }

    long failures() {
        double sum = 0;
        for (Map<ConnectionFailure, Counter> byReason : failures.values()) {
            for (Counter counter : byReason.values()) {
                sum += counter.count();
            }
        }
        return (long) sum;
    }
}
