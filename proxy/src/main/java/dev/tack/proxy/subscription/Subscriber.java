package dev.tack.proxy.subscription;

import dev.tack.proxy.delivery.PreparedItem;

/**
 * The one sink every held connection implements: fan-out hands it a published item and never knows
 * whether it writes to a WebSocket, an SSE or HTTP stream, or a long-poll response.
 *
 * <p>Every call happens on the subscriber's own event loop, the one whose {@link Shard} it registered with.
 *
 * <p>The node-wide commands ({@code recover}, {@code refresh}, close-by-connection) reach a subscriber through
 * the default methods below, on every node of an engine (docs/scale-out.md "Commands"). A kind of hold that can
 * act on one overrides it and returns true; the defaults do nothing and return false, which the registry counts
 * as a command the subscriber does not support ({@link SubscriptionRegistry.Reach#unsupported()}).
 */
public interface Subscriber {

    /**
     * Delivers one published item. The item is borrowed: it stays valid for the duration of the call, and a
     * subscriber that keeps any of its buffers takes a {@code retainedDuplicate()}.
     *
     * @return true when this delivery left the subscriber with unflushed writes and it had none before; the
     *     shard then calls {@link #flush()} once, after every publish already queued on the loop is written
     */
    boolean deliver(String channel, PreparedItem item);

    /** Flushes what {@link #deliver} wrote; called once per batch. */
    void flush();

    /**
     * Pushpin's {@code recover} (its {@code handlerengine.cpp}, {@code recoverCommand}): publishes on this
     * subscriber's channels may have been missed, e.g. while the engine was away, so it should re-sync through
     * the origin (a long-poll asks again, a stream with a next link fetches it). Called once per subscriber
     * however many of its channels are recovered. The update Pushpin makes about a second after a channel's first
     * subscriber ({@code update_on_first_subscription}, {@link SubscriptionRegistry#update}) calls it too: the
     * subscriber does the same either way.
     *
     * @return whether the subscriber acted on it
     */
    default boolean recover() {
        return false;
    }

    /**
     * Pushpin's {@code refresh} command: a WebSocket-over-HTTP session asks its origin for pending events.
     *
     * @return whether the subscriber acted on it
     */
    default boolean refresh() {
        return false;
    }

    /** The id commands use to address this connection (WebSocket-over-HTTP's {@code Connection-Id}), or null. */
    default String connectionId() {
        return null;
    }

    /**
     * Closes this connection at a publisher's request (close-by-connection).
     *
     * @return whether the subscriber acted on it
     */
    default boolean closeConnection() {
        return false;
    }
}
