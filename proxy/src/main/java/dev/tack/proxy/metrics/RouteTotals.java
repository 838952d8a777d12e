package dev.tack.proxy.metrics;

/**
 * One route's origin requests since start.
 *
 * @param route      the route id
 * @param requests   requests answered (HTTP requests and WebSocket-over-HTTP round trips)
 * @param totalNanos their summed latency
 * @param errors     requests that failed
 */
public record RouteTotals(String route, long requests, long totalNanos, long errors) {
}
