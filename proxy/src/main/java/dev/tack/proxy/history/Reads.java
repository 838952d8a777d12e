package dev.tack.proxy.history;

import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.engine.StreamRead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Merges identical history reads while one is in flight (Centrifugo's "singleflight"): in a reconnect storm,
 * thousands of clients of one channel come back with the same position at once, and the store is asked once; each
 * of them gets the one answer with references of its own. A read from memory answers before another can join it,
 * so merging matters for the engine's store (Redis), where a read is a round trip.
 *
 * <p>A client that joins a read already sent may get a snapshot taken a moment before it subscribed; what was
 * published in between arrives live, or, when the node had not received it, is filled in from history at the
 * first live item ({@code Resumer}'s gap check).
 */
final class Reads {

    private record Key(String channel, StreamQuery query, int limit) {
    }

    private final Store store;
    private final HistoryMeters meters;
    private final Map<Key, List<CompletableFuture<Slice>>> flights = new HashMap<>();

    Reads(Store store, HistoryMeters meters) {
        this.store = store;
        this.meters = meters;
    }

    /** Reads through the store, or joins the identical read in flight; the slice is the caller's. */
    CompletionStage<Slice> read(String channel, StreamQuery query, int limit) {
        Key key = new Key(channel, query, limit);
        CompletableFuture<Slice> mine = new CompletableFuture<>();
        synchronized (flights) {
            List<CompletableFuture<Slice>> waiting = flights.get(key);
            if (waiting != null) {
                waiting.add(mine);
                meters.merged.increment();
                return mine;
            }
            waiting = new ArrayList<>(1);
            waiting.add(mine);
            flights.put(key, waiting);
        }
        CompletionStage<Slice> read;
        try {
            read = store.read(channel, query, limit);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedStage(e);
        }
        read.whenComplete((slice, failure) -> {
            List<CompletableFuture<Slice>> waiting;
            synchronized (flights) {
                waiting = flights.remove(key);
            }
            for (CompletableFuture<Slice> reader : waiting) {
                reader.complete(failure != null ? Slice.failed(StreamRead.Result.UNAVAILABLE, null) : slice.retain());
            }
            if (slice != null) {
                slice.release();
            }
        });
        return mine;
    }
}
