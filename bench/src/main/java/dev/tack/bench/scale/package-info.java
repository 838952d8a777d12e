/**
 * Runs bigger than one load process: {@code listen} (one process's share of subscribers, optionally the
 * publisher) and {@code summarize} (merges their reports), driven by {@code bench/scale-out.sh}.
 */
package dev.tack.bench.scale;
