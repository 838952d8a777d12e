package dev.tack.proxy.history;

import dev.tack.proxy.delivery.PreparedItem;
import java.util.HashMap;
import java.util.Map;

/**
 * One channel's history in memory: the newest items in a circular array that grows up to {@code history_max_items},
 * each with its offset, and publisher id → offset, so that finding an offset or an id takes one step whatever the
 * ring holds. Offsets in a ring are consecutive: trimming takes the oldest only. Guarded by its {@link MemoryStore}.
 */
final class Ring {

    /** One stored item. {@code item} is one reference the ring owns. */
    record Entry(long offset, long storedNanos, PreparedItem item, int bytes) {
    }

    final String epoch;
    private Entry[] entries = new Entry[2];
    private int head;
    private int size;
    private long top;
    private long bytes;
    private final Map<String, Long> ids = new HashMap<>();

    Ring(String epoch) {
        this.epoch = epoch;
    }

    /** The offset of the newest item ever stored (0 before the first). */
    long top() {
        return top;
    }

    /** The offset of the oldest item still held ({@code top + 1} when none is). */
    long first() {
        return size == 0 ? top + 1 : entries[head].offset();
    }

    int size() {
        return size;
    }

    /** Bytes of the items held (their {@link Entry#bytes}). */
    long bytes() {
        return bytes;
    }

    /** The {@code i}th held item, oldest first. */
    Entry at(int i) {
        return entries[(head + i) % entries.length];
    }

    /** The held item at {@code offset}, or null. */
    Entry byOffset(long offset) {
        long first = first();
        return offset < first || offset > top ? null : at((int) (offset - first));
    }

    /** The offset of the held item with this publisher id (the newest, when ids repeat), or null. */
    Long offsetOf(String id) {
        return ids.get(id);
    }

    /** Gives the next offset to {@code item} and keeps it; the ring takes the item's reference. */
    Entry add(long storedNanos, PreparedItem item, int itemBytes, int capacity) {
        if (item.position() == null || item.position().offset() != top + 1) {
            throw new IllegalArgumentException("item at " + item.position() + " (expected: offset " + (top + 1) + ")");
        }
        if (size == entries.length) {
            grow(capacity);
        }
        Entry entry = new Entry(++top, storedNanos, item, itemBytes);
        entries[(head + size) % entries.length] = entry;
        size++;
        bytes += itemBytes;
        String id = item.item().id();
        if (id != null) {
            ids.put(id, entry.offset());
        }
        return entry;
    }

    /** Removes the oldest item and returns it; its reference passes to the caller. */
    Entry removeOldest() {
        Entry oldest = entries[head];
        entries[head] = null;
        head = (head + 1) % entries.length;
        size--;
        bytes -= oldest.bytes();
        String id = oldest.item().item().id();
        Long indexed = id == null ? null : ids.get(id);
        if (indexed != null && indexed == oldest.offset()) {
            ids.remove(id);
        }
        return oldest;
    }

    private void grow(int capacity) {
        Entry[] bigger = new Entry[Math.max(Math.min(entries.length * 2, capacity), size + 1)];
        for (int i = 0; i < size; i++) {
            bigger[i] = at(i);
        }
        entries = bigger;
        head = 0;
    }
}
