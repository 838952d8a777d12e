/**
 * Measurement and its arithmetic. Each subscriber event loop owns one {@link dev.tack.bench.stats.LoopStats}
 * (HdrHistograms and per-message arrival arrays written only by that loop, so recording a delivery takes no
 * lock); at the end of a run the loops' {@link dev.tack.bench.stats.LoopSnapshot}s are merged and
 * {@link dev.tack.bench.stats.FanoutMath} turns them, with the publisher's send times, into per-message
 * "time until the last subscriber" figures, and {@link dev.tack.bench.stats.PercentileCurve} into points to
 * plot. {@link dev.tack.bench.stats.ProcStats} reads a proxy's memory and CPU from {@code /proc}, and
 * {@link dev.tack.bench.stats.TcpConnections} how many connections it holds to its origin. Fed by
 * {@code client} and {@code publish}; read by {@code load} and {@code report}.
 */
package dev.tack.bench.stats;
