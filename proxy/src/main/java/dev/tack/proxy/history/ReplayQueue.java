package dev.tack.proxy.history;

import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.time.TimeSource;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Replays slices through a connection at the pace its socket takes them. A hold's outbox drops what a client cannot
 * take (the slow-client rule, docs/compatibility.md "Slow clients"), which would make a replay larger than the socket
 * buffer partial; so items are handed over only while the connection is writable, and when it is not, the
 * replay flushes and looks again a moment later. Live items wait behind it ({@link Resumer}). Confined to the
 * connection's event loop.
 */
final class ReplayQueue {

    /** How long a paused replay waits before it looks at the connection again. */
    static final long RECHECK_MILLIS = 10;

    /** Where replayed items go. */
    interface Sink {
        /** One item, through the hold's own delivery path; the item is borrowed. */
        void replay(String channel, PreparedItem item);

        /** Flushes what was written. */
        void flush();

        /** Everything queued went out. */
        void done();
    }

    private record Pending(String channel, Slice slice) {
    }

    private final Channel client;
    private final TimeSource time;
    private final Sink sink;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int next;
    private Future<?> recheck;
    private boolean pumping;
    private boolean closed;

    ReplayQueue(Channel client, TimeSource time, Sink sink) {
        this.client = client;
        this.time = time;
        this.sink = sink;
    }

    /** Queues a slice's items; the queue takes the caller's references. */
    void add(String channel, Slice slice) {
        if (closed) {
            slice.release();
            return;
        }
        queue.add(new Pending(channel, slice));
    }

    /** Whether items are still to go out (live items must wait). */
    boolean busy() {
        return !queue.isEmpty();
    }

    /** Hands over what the connection takes now; {@link Sink#done()} once the queue is empty. */
    void pump() {
        if (pumping || closed) {
            return;
        }
        pumping = true;
        try {
            while (!queue.isEmpty()) {
                Pending head = queue.peek();
                while (next < head.slice().items().size()) {
                    if (!client.isWritable()) {
                        sink.flush();
                        pauseForWritability();
                        return;
                    }
                    sink.replay(head.channel(), head.slice().items().get(next++));
                    if (closed) {
                        // The hold finished on this item (a long-poll answered): its response still goes out.
                        sink.flush();
                        return;
                    }
                }
                queue.poll().slice().release();
                next = 0;
            }
        } finally {
            pumping = false;
        }
        sink.done();
    }

    private void pauseForWritability() {
        try {
            recheck = time.schedule(client.eventLoop(), () -> {
                recheck = null;
                pump();
            }, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            close();
        }
    }

    /** The connection is gone: releases what was still to go out. */
    void close() {
        closed = true;
        if (recheck != null) {
            recheck.cancel(false);
            recheck = null;
        }
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.slice().release();
        }
    }
}
