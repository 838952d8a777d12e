/**
 * Metrics: one {@link dev.tack.proxy.metrics.TackMetrics} built by the composition root and passed to every
 * stage that counts something; served in Prometheus format on {@code prometheus_port}.
 */
package dev.tack.proxy.metrics;
