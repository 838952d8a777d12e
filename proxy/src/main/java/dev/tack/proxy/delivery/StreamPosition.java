package dev.tack.proxy.delivery;

import java.util.Objects;

/**
 * Where an item sits in its channel's history (docs/history.md "Positions"): the stream's {@code epoch}, a name
 * that changes whenever the stream is lost and started again (a restart, an eviction, an expired Redis key), and
 * the item's {@code offset}, counting from 1 within that epoch. Two positions compare only within one epoch: offset
 * 10 of a new epoch says nothing about offset 10 of the old one.
 *
 * @param epoch letters and digits, never empty
 * @param offset 1 for a stream's first item; 0 for "before the first item"
 */
public record StreamPosition(String epoch, long offset) {

    public StreamPosition {
        Objects.requireNonNull(epoch, "epoch");
        if (epoch.isEmpty()) {
            throw new IllegalArgumentException("epoch: \"\" (expected: letters and digits)");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
    }

    /** Whether {@code other} is in the same epoch and at or before this position. */
    public boolean covers(StreamPosition other) {
        return epoch.equals(other.epoch) && other.offset <= offset;
    }
}
