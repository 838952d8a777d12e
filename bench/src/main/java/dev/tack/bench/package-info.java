/**
 * The {@code bench} command line: {@code bench load} (the fan-out load tool, package {@code load}) and
 * {@code bench origin} (the GRIP origin the subscribers' requests are routed to, package {@code origin}).
 * The package {@code micro} is reserved for JMH micro-benchmarks of the proxy's hot path.
 */
package dev.tack.bench;
