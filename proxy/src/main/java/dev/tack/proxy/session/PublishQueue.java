package dev.tack.proxy.session;

import dev.tack.proxy.delivery.PreparedItem;
import java.util.ArrayDeque;

/**
 * Published items a held connection cannot act on yet, in order: a stream fetching its next link, or any subscriber
 * while an {@code http-check}/{@code http-modify} call decides on the item before (Pushpin's per-session publish
 * queue, {@code httpsession.cpp}, {@code wssession.cpp}). At most {@code max} wait; newer ones are dropped, as
 * Pushpin drops past {@code PUBLISH_QUEUE_MAX}. Made only when an item has to wait (most never do). Confined to the
 * connection's event loop.
 */
public final class PublishQueue {

    /** One waiting item; the queue holds a reference to it until it is polled (then the poller releases it). */
    public record Entry(String channel, PreparedItem item) {
    }

    private final int max;
    private ArrayDeque<Entry> entries;

    /** @param max how many items may wait */
    public PublishQueue(int max) {
        this.max = max;
    }

    /** Queues {@code item} (retained here); false when the queue is full and it was not taken. */
    public boolean add(String channel, PreparedItem item) {
        if (entries == null) {
            entries = new ArrayDeque<>(4);
        }
        if (entries.size() >= max) {
            return false;
        }
        item.retain();
        entries.add(new Entry(channel, item));
        return true;
    }

    /** The oldest entry, or null; the caller releases its item. */
    public Entry poll() {
        return entries == null ? null : entries.poll();
    }

    /** The oldest entry without taking it, or null. */
    public Entry peek() {
        return entries == null ? null : entries.peek();
    }

    public boolean isEmpty() {
        return entries == null || entries.isEmpty();
    }

    /** Drops every waiting item. */
    public void clear() {
        Entry entry;
        while ((entry = poll()) != null) {
            entry.item().release();
        }
    }
}
