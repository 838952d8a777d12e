package dev.tack.proxy.history;

import dev.tack.proxy.engine.StreamQuery;
import java.util.concurrent.CompletionStage;

/** Where channel history is read from: this process's memory, or the engine's streams (Redis). */
interface Store {

    /**
     * Reads {@code channel}'s history.
     *
     * @param limit the most items the answer may carry ({@code history_replay_max})
     * @return a slice the caller owns; never fails (a store that does not answer gives {@code UNAVAILABLE})
     */
    CompletionStage<Slice> read(String channel, StreamQuery query, int limit);

    /** Releases what the store holds. */
    void close();
}
