package dev.tack.proxy.engine;

import dev.tack.proxy.delivery.StreamPosition;

/**
 * What a resuming client asks of a channel's history (docs/history.md "Positions"). Every read also answers the
 * stream's top, the snapshot a replay stops at; a read starts the stream (a new epoch, top offset 0) when the
 * channel has none yet, so a later position can be checked against it.
 */
public sealed interface StreamQuery {

    /** Only the top. */
    record Top() implements StreamQuery {
    }

    /**
     * The items after what the client saw: {@code token} when its epoch is the stream's, else the item whose
     * publisher id is {@code id}.
     *
     * @param token a position Tack gave out, or null when the value is not one
     * @param id the value as a publisher id, or null
     */
    record After(StreamPosition token, String id) implements StreamQuery {
        public After {
            if (token == null && id == null) {
                throw new IllegalArgumentException("after: no token and no id (expected: at least one)");
            }
        }
    }

    /** The last {@code count} items (a rewind by count). */
    record Last(int count) implements StreamQuery {
        public Last {
            if (count < 0) {
                throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
            }
        }
    }

    /** The items of the last {@code millis} (a rewind by time). */
    record Since(long millis) implements StreamQuery {
        public Since {
            if (millis < 0) {
                throw new IllegalArgumentException("millis: " + millis + " (expected: >= 0)");
            }
        }
    }
}
