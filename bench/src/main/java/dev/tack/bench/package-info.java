/**
 * The {@code bench} command line: {@code bench load} (the fan-out load tool, package {@code load}),
 * {@code bench origin} (the GRIP origin the subscribers' requests are routed to, package {@code origin})
 * {@code bench compare} (one HTML page for several targets, package {@code report}) and {@code bench soak}
 * (Tack under abuse, package {@code soak}, docs/reliability.md). The package
 * {@code micro} holds JMH micro-benchmarks of the proxy's hot path.
 */
package dev.tack.bench;
