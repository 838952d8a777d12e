package dev.tack.proxy.ws;

import dev.tack.api.ws.WsEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The client events waiting for the next WebSocket-over-HTTP request, bounded in bytes. Every event costs its
 * encoded size plus {@link #EVENT_COST} for the object that holds it, so a flood of empty frames fills the queue
 * as surely as large messages do:
 * <ul>
 * <li>past {@link #BUFFER_SIZE} (Pushpin's outgoing buffer) the client is asked to wait: its reads pause until
 *     the queue is back under half of that;</li>
 * <li>frames already read when the pause begins still come in; past {@link #MAX_BYTES} the client has sent far
 *     more than it was allowed to and the connection ends;</li>
 * <li>one request takes at most {@link #BUFFER_SIZE} bytes of events (at least one event), so no request body
 *     grows with the queue.</li>
 * </ul>
 */
final class WsOverHttpQueue {

    static final int BUFFER_SIZE = 200_000;
    static final int EVENT_COST = 64;
    static final int MAX_BYTES = 1_000_000;

    private final ArrayDeque<WsEvent> events = new ArrayDeque<>();
    private long bytes;

    /** What {@code event} counts for: its encoded size ({@code TEXT 5\r\nhello\r\n} is 15) and its holder. */
    static int cost(WsEvent event) {
        int encoded = event.type().name().length() + 2;
        if (event.content() != null) {
            encoded += 1 + Integer.toHexString(event.content().length).length() + event.content().length + 2;
        }
        return encoded + EVENT_COST;
    }

    /** Adds {@code event} at the end; false (and not added) when the queue would go past {@link #MAX_BYTES}. */
    boolean add(WsEvent event) {
        int cost = cost(event);
        if (bytes + cost > MAX_BYTES) {
            return false;
        }
        events.add(event);
        bytes += cost;
        return true;
    }

    /** Puts {@code event} first (a repeated {@code OPEN}); never refused. */
    void addFirst(WsEvent event) {
        events.addFirst(event);
        bytes += cost(event);
    }

    /**
     * Takes the events for one request: up to {@link #BUFFER_SIZE} bytes of them, at least one, only one when
     * {@code oneEvent} (the target's {@code one_event}), and an {@code OPEN} always alone.
     */
    List<WsEvent> take(boolean oneEvent) {
        List<WsEvent> batch = new ArrayList<>();
        long batchBytes = 0;
        while (!events.isEmpty() && (batch.isEmpty() || !oneEvent && batchBytes + cost(events.peek()) <= BUFFER_SIZE)) {
            WsEvent event = events.poll();
            int cost = cost(event);
            bytes -= cost;
            batchBytes += cost;
            batch.add(event);
            if (event.type() == dev.tack.api.ws.WsEventType.OPEN) {
                break;
            }
        }
        return batch;
    }

    WsEvent peek() {
        return events.peek();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** Whether the client should wait. */
    boolean full() {
        return bytes > BUFFER_SIZE;
    }

    /** Whether a waiting client may go on. */
    boolean drained() {
        return bytes <= BUFFER_SIZE / 2;
    }

    /** The bytes the queued events count for. */
    long bytes() {
        return bytes;
    }

    int size() {
        return events.size();
    }

    void clear() {
        events.clear();
        bytes = 0;
    }
}
