package dev.tack.proxy.subscription;

import dev.tack.proxy.delivery.PreparedItem;

/**
 * The one sink every held connection implements: fan-out hands it a published item and never knows
 * whether it writes to a WebSocket, an SSE or HTTP stream, or a long-poll response.
 *
 * <p>Every call happens on the subscriber's own event loop, the one whose {@link Shard} it registered with.
 */
public interface Subscriber {

    /**
     * Delivers one published item. The item is borrowed: it stays valid for the duration of the call, and a
     * subscriber that keeps any of its buffers takes a {@code retainedDuplicate()}.
     *
     * @return whether the subscriber wrote something that needs a flush; the shard flushes each such
     *     subscriber once per batch through {@link #flush()}
     */
    boolean deliver(String channel, PreparedItem item);

    /** Flushes what {@link #deliver} wrote; called once per batch. */
    void flush();
}
