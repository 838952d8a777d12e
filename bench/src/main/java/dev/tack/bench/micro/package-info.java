/**
 * JMH micro-benchmarks of Tack's hot path: publish JSON decoding, GRIP instruction parsing, encoding a
 * WebSocket frame / HTTP chunk / SSE event, registry lookup, and one publish delivered to N subscribers.
 * Run them with {@code java -cp bench/target/tack-bench.jar org.openjdk.jmh.Main -prof gc} (see
 * {@code bench/README.md}); {@code -prof gc} reports bytes allocated per operation.
 */
package dev.tack.bench.micro;
