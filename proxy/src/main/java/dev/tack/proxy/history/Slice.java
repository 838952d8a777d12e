package dev.tack.proxy.history;

import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.StreamPosition;
import dev.tack.proxy.engine.StreamRead;
import java.util.List;
import java.util.Objects;

/**
 * A history read ready to replay: the result, the stream's top when it was read (the snapshot a replay stops at),
 * and the items after the client's position up to that top, encoded once and owned by the holder of the slice (one
 * reference each): {@link #release} when done. Shared by every reader of a merged read, each with its own
 * references ({@link #retain}).
 *
 * @param top null when the store did not answer
 */
record Slice(StreamRead.Result result, StreamPosition top, List<PreparedItem> items) {

    Slice {
        Objects.requireNonNull(result, "result");
        items = List.copyOf(items);
    }

    static Slice failed(StreamRead.Result result, StreamPosition top) {
        return new Slice(result, top, List.of());
    }

    boolean ok() {
        return result == StreamRead.Result.OK;
    }

    /** Takes one more reference of every item, for another reader; returns this slice. */
    Slice retain() {
        items.forEach(PreparedItem::retain);
        return this;
    }

    /** Gives up one reference of every item. */
    void release() {
        items.forEach(PreparedItem::release);
    }
}
