package dev.tack.proxy.delivery;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.function.IntConsumer;

/**
 * The bounded outbox of one connection. Encoded bytes go straight to the socket while it is writable;
 * while it is not (a slow reader), up to {@code maxQueued} messages wait here and newer ones are dropped,
 * as Pushpin's per-session queue does (docs/compatibility.md "Slow clients"). A slow client therefore never makes Tack
 * buffer without limit, and it never delays the other subscribers on its loop.
 *
 * <p>Confined to the connection's event loop. Pre-encoded {@code ByteBuf}s are written through {@code ctx},
 * the context of the HTTP or WebSocket codec, so they skip it; message objects ({@code LastHttpContent}, a
 * close frame) are written from the pipeline's tail and pass through the codec. Both share one queue, so
 * their order is kept.
 */
public final class Outbox {

    private final ChannelHandlerContext ctx;
    private final int maxQueued;
    private final OutboxEvents events;
    /** Messages waiting for a slow client; made the first time one has to wait (most never do). */
    private ArrayDeque<Object> queue;
    private boolean unflushed;

    /**
     * @param dropped told how many messages were dropped each time the outbox is full
     */
    public Outbox(ChannelHandlerContext ctx, int maxQueued, IntConsumer dropped) {
        this(ctx, maxQueued, OutboxEvents.dropsOnly(dropped));
    }

    /**
     * @param events told about drops and about every change in the number of waiting messages
     */
    public Outbox(ChannelHandlerContext ctx, int maxQueued, OutboxEvents events) {
        this.ctx = ctx;
        this.maxQueued = maxQueued;
        this.events = events;
    }

    /**
     * Writes {@code message} (a ByteBuf or an HTTP/WebSocket message), taking ownership of it. Call {@link
     * #flush()} afterwards; several offers may share one flush.
     *
     * @return false if the message was dropped because the outbox is full
     */
    public boolean offer(Object message) {
        if (queued() == 0 && ctx.channel().isWritable()) {
            write(message);
            return true;
        }
        if (queued() >= maxQueued) {
            ReferenceCountUtil.release(message);
            events.dropped(1);
            return false;
        }
        enqueue(message);
        return true;
    }

    private void enqueue(Object message) {
        if (queue == null) {
            queue = new ArrayDeque<>(8);
        }
        queue.add(message);
        events.queued(1);
    }

    /**
     * Writes {@code message} like {@link #offer} but never drops it: for what ends a stream (the terminating
     * chunk, a close frame) and for an origin's own messages, whose sender is paused while they wait, so they
     * stay bounded without being dropped. Takes ownership of {@code message}.
     */
    public void offerAlways(Object message) {
        if (queued() == 0 && ctx.channel().isWritable()) {
            write(message);
        } else {
            enqueue(message);
        }
    }

    /** Whether something was written since the last flush. */
    public boolean unflushed() {
        return unflushed;
    }

    /** Flushes what was written since the last flush. */
    public void flush() {
        if (unflushed) {
            unflushed = false;
            ctx.channel().flush();
        }
    }

    /** Pre-encoded bytes skip the encoders in front of {@code ctx}; message objects pass through them. */
    private void write(Object message) {
        if (message instanceof io.netty.buffer.ByteBuf) {
            ctx.write(message, ctx.voidPromise());
        } else {
            ctx.channel().write(message, ctx.channel().voidPromise());
        }
        unflushed = true;
    }

    /** Moves queued messages to the socket while it stays writable; call on writability changes. */
    public void drain() {
        int written = 0;
        while (queued() > 0 && ctx.channel().isWritable()) {
            write(queue.poll());
            written++;
        }
        if (written > 0) {
            events.queued(-written);
        }
        flush();
    }

    public int queued() {
        return queue == null ? 0 : queue.size();
    }

    /** Releases everything still queued; the connection is going away. */
    public void clear() {
        Object message;
        int released = 0;
        while (queue != null && (message = queue.poll()) != null) {
            ReferenceCountUtil.release(message);
            released++;
        }
        if (released > 0) {
            events.queued(-released);
        }
    }
}
