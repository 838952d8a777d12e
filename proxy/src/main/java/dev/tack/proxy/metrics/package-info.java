/**
 * Metrics: one {@link dev.tack.proxy.metrics.TackMetrics} built by the composition root and passed to every
 * stage that counts something; served in Prometheus format on {@code prometheus_port} by {@code admin}, with
 * Pushpin's five metric names unchanged and Tack's labelled {@code tack_*} families (connections by transport,
 * publishes and deliveries by format, drops by reason, origin latency and errors by route), plus JVM, GC and
 * Netty meters. The names are listed in {@code docs/operations.md}; {@code config/grafana/} has a dashboard.
 */
package dev.tack.proxy.metrics;
