/**
 * What a benchmark message carries and the clock that stamps it. The publisher (package {@code publish})
 * writes {@link dev.tack.bench.message.Payload} text with the time it meant to send; the subscribers
 * (package {@code client}) parse it back and hand the sequence number and timestamp to the recorders in
 * {@code stats}. Both sides read one {@link dev.tack.bench.message.MicroClock}, so latencies are differences
 * of one clock.
 */
package dev.tack.bench.message;
