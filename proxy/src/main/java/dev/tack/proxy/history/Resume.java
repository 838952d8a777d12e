package dev.tack.proxy.history;

import dev.tack.proxy.subscription.Subscriber;
import java.util.List;
import java.util.function.Consumer;

/**
 * One connection's resume from history (docs/history.md "How a resume runs"), the hook a hold calls at subscribe
 * time. The hold registers {@link #bind}'s subscriber instead of itself, so every live item passes through here
 * first, subscribes its channels, and calls {@link #start}: for each history channel the client asked about, the
 * stream's top is read as a snapshot, then {@code opened} runs (the hold writes the origin's head and initial body,
 * with the outcome headers), then the items after the client's position up to the snapshot are delivered through
 * the hold's own delivery path (its filters and meta apply as to live items), then live items, minus those the
 * replay already carried. Live items that arrive while the snapshot is read wait here, in order.
 *
 * <p>{@link #NONE} does nothing and costs nothing: history off, or nothing to resume.
 */
public interface Resume {

    /** Nothing to resume: {@link #bind} returns the hold itself and {@link #start} opens at once. */
    Resume NONE = NoResume.INSTANCE;

    /** The kind of connection, for what a resume may write to it. */
    enum Transport {
        /** An HTTP stream of {@code text/event-stream}: ids may be added, the reset event is an SSE event. */
        SSE,
        /** Any other HTTP stream. */
        STREAM,
        /** A long-poll ({@code history_long_poll}): the first item after the position answers it. */
        LONG_POLL,
        /** A WebSocket: channels are subscribed one at a time by the origin's control messages. */
        WEBSOCKET
    }

    /** The subscriber to register for {@code hold}'s channels (this resume, or {@code hold} itself). */
    Subscriber bind(Subscriber hold);

    /**
     * Resumes {@code channels}, which the hold has just subscribed. Calls {@code opened} once, on the hold's event
     * loop: at once when there is nothing to read or the store is in memory, else when the engine answered.
     *
     * @param opened writes what goes out before any item (the origin's head and initial body), with what the
     *     resume adds to it
     */
    void start(List<String> channels, Consumer<Opening> opened);

    /** The connection is gone: releases whatever waits here. */
    void close();
}
