package dev.tack.proxy.engine;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.StreamPosition;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a read of a channel's stream gave: the top at the moment of the read and, when the client's position
 * could be served whole, every item after it up to that top. Anything else is one of the other results and no
 * items: a replay is all or nothing.
 *
 * @param top the stream's epoch and last offset when it was read
 * @param entries oldest first; empty unless {@link Result#OK}
 */
public record StreamRead(Result result, StreamPosition top, List<Entry> entries) {

    /** How a read went; the label of {@code tack_history_recover_total}. */
    public enum Result {
        /** The items after the position, all of them (maybe none). */
        OK,
        /** The position names no item the stream has seen: an unknown id, or an offset past the top. */
        UNKNOWN_POSITION,
        /** The position is of another epoch: the stream was lost and started again since. */
        EPOCH_CHANGED,
        /** Items after the position were trimmed (count, age, bytes) or the channel was evicted. */
        EVICTED,
        /** More items follow the position than one replay may carry ({@code history_replay_max}). */
        TOO_LARGE,
        /** The store did not answer (the engine is down or timed out). */
        UNAVAILABLE,
        /** The client's request could not be read (a bad {@code rewind}). */
        INVALID;

        /** The label value: the name in lower case, e.g. {@code unknown_position}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One stored item: its offset, when it was stored (milliseconds of the store's clock) and the item. */
    public record Entry(long offset, long timeMillis, PublishItem item) {
        public Entry {
            Objects.requireNonNull(item, "item");
        }
    }

    public StreamRead {
        Objects.requireNonNull(result, "result");
        entries = List.copyOf(entries);
    }

    /** A read that failed with {@code result}; {@code top} may be null when the store did not answer. */
    public static StreamRead failed(Result result, StreamPosition top) {
        return new StreamRead(result, top, List.of());
    }
}
