package dev.tack.proxy.history;

import dev.tack.proxy.engine.StreamRead;
import dev.tack.proxy.metrics.TackMetrics;
import io.micrometer.core.instrument.Counter;
import java.util.EnumMap;
import java.util.Map;

/**
 * History's metrics (docs/history.md "Metrics"): {@code tack_history_recover_total{result}} per channel a client
 * asked to resume, and counters of what was replayed, merged, trimmed and evicted. The store's gauges are
 * registered by the store itself.
 */
final class HistoryMeters {

    private final Map<StreamRead.Result, Counter> recovers = new EnumMap<>(StreamRead.Result.class);
    final Counter replayed;
    final Counter merged;
    final Counter gapFills;
    final Counter trimmed;
    final Counter evicted;
    final Counter waitingDropped;

    HistoryMeters(TackMetrics metrics) {
        for (StreamRead.Result result : StreamRead.Result.values()) {
            recovers.put(result, metrics.counter("history_recover",
                    "Channels clients asked to resume, by result (recovered: replayed whole; anything else: nothing "
                            + "replayed and the client told)", "result", label(result)));
        }
        replayed = metrics.counter("history_replayed_items", "Items written to clients from history");
        merged = metrics.counter("history_reads_merged",
                "History reads that joined an identical read already in flight instead of asking the store again");
        gapFills = metrics.counter("history_gap_fills",
                "Gaps after a resume's snapshot filled from history (a publish the node had not received yet)");
        trimmed = metrics.counter("history_trimmed_items",
                "Items dropped from a channel's history by its bounds (items, age, bytes)");
        evicted = metrics.counter("history_evicted_channels",
                "Whole channels dropped from history past history_max_channels or history_total_bytes");
        waitingDropped = metrics.counter("history_waiting_dropped",
                "Live items dropped because too many waited for a connection's history read");
    }

    /** The label of a result: {@code recovered} for a whole replay, else the result's name. */
    static String label(StreamRead.Result result) {
        return result == StreamRead.Result.OK ? "recovered" : result.label();
    }

    void recovered(StreamRead.Result result) {
        recovers.get(result).increment();
    }
}
