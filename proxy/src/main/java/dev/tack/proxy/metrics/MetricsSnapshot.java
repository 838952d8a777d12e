package dev.tack.proxy.metrics;

import java.util.List;
import java.util.Map;

/**
 * Tack's counters at one moment, for the status page (which turns two of them into rates).
 *
 * @param connected          every client connection now
 * @param connections        connections now by transport ({@code http}: not held)
 * @param requests           client requests received since start
 * @param published          items published since start
 * @param publishRejected    publish requests refused since start
 * @param delivered          deliveries to subscribers since start (Pushpin's {@code message_sent})
 * @param drops              items that did not reach a subscriber since start, by reason
 * @param outboxQueued       messages waiting in slow clients' outboxes now
 * @param connectionFailures client connections that ended with an error since start
 * @param routes             origin requests by route since start
 */
public record MetricsSnapshot(long connected, Map<ClientTransport, Long> connections, long requests, long published,
        long publishRejected, long delivered, Map<DropReason, Long> drops, long outboxQueued, long connectionFailures,
        List<RouteTotals> routes) {

    public MetricsSnapshot {
        connections = Map.copyOf(connections);
        drops = Map.copyOf(drops);
        routes = List.copyOf(routes);
    }

    /** Every drop since start, whatever the reason. */
    public long dropped() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }
}
