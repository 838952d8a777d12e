package dev.tack.proxy.engine;

import java.util.concurrent.CompletionStage;

/**
 * An engine that keeps each history channel's items in a stream of its own, written in the same step as the
 * publish (the Redis engine, docs/history.md "Redis"), so any node can serve a resuming client. Every method may be
 * called from any thread and never blocks.
 */
public interface ChannelStreams {

    /**
     * Reads {@code channel}'s stream.
     *
     * @param limit the most items one answer may carry: more after the position is {@link StreamRead.Result#TOO_LARGE}
     *     (a rewind gets the newest {@code limit} instead)
     * @return never fails: a store that does not answer gives {@link StreamRead.Result#UNAVAILABLE}
     */
    CompletionStage<StreamRead> read(String channel, StreamQuery query, int limit);
}
