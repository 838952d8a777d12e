package dev.tack.proxy.delivery;

import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The bounded outbox of one connection. Encoded bytes go straight to the socket while it is writable; while it is
 * not (a slow reader), up to {@link OutboxLimits#maxMessages()} messages and {@link OutboxLimits#maxBytes()} bytes
 * wait here and newer ones are dropped, as Pushpin's per-session queue does (docs/reliability.md "Slow consumers").
 * When messages have waited without the outbox ever emptying for {@link OutboxLimits#writeTimeoutMillis()}, the
 * owner is told ({@code onStalled}) and ends the connection with {@link #abandon}. A slow client therefore never
 * makes Tack buffer without limit, never delays the other subscribers on its loop, and never holds its buffers for
 * ever.
 *
 * <p>Confined to the connection's event loop. Pre-encoded {@code ByteBuf}s are written through {@code ctx}, the
 * context of the HTTP or WebSocket codec, so they skip it; message objects ({@code LastHttpContent}, a close frame)
 * are written from the pipeline's tail and pass through the codec. Both share one queue, so their order is kept.
 * Nothing here allocates while the client keeps up: the queue, the byte count and the deadline timer exist only
 * once a message has had to wait.
 */
public final class Outbox {

    /** How long {@link #abandon} waits for its last message to leave before closing anyway. */
    static final int ABANDON_WAIT_SECONDS = 5;

    private final ChannelHandlerContext ctx;
    private final OutboxLimits limits;
    private final OutboxEvents events;
    private final TimeSource time;
    private final Runnable onStalled;
    /** Messages waiting for a slow client; made the first time one has to wait (most never do). */
    private ArrayDeque<Object> queue;
    private long queuedBytes;
    private Future<?> deadline;
    private boolean unflushed;
    private boolean abandoned;

    /**
     * An outbox bounded by count (and the default byte bound), without a write deadline.
     *
     * @param dropped told how many messages were dropped each time the outbox is full
     */
    public Outbox(ChannelHandlerContext ctx, int maxQueued, IntConsumer dropped) {
        this(ctx, maxQueued, OutboxEvents.dropsOnly(dropped));
    }

    /**
     * An outbox bounded by count (and the default byte bound), without a write deadline.
     *
     * @param events told about drops and about every change in the number of waiting messages
     */
    public Outbox(ChannelHandlerContext ctx, int maxQueued, OutboxEvents events) {
        this(ctx, OutboxLimits.messages(maxQueued), events, null, null);
    }

    /**
     * @param events told about drops and about every change in the number of waiting messages
     * @param time the deadline timer's source; with {@code null} there is no deadline
     * @param onStalled run on the event loop when messages waited longer than the write timeout; the owner counts
     *     it and calls {@link #abandon}
     */
    public Outbox(ChannelHandlerContext ctx, OutboxLimits limits, OutboxEvents events, TimeSource time,
            Runnable onStalled) {
        this.ctx = ctx;
        this.limits = limits;
        this.events = events;
        this.time = time;
        this.onStalled = onStalled;
    }

    /**
     * Writes {@code message} (a ByteBuf or an HTTP/WebSocket message), taking ownership of it. Call {@link
     * #flush()} afterwards; several offers may share one flush.
     *
     * @return false if the message was dropped because the outbox is full (or abandoned)
     */
    public boolean offer(Object message) {
        if (queued() == 0 && ctx.channel().isWritable() && !abandoned) {
            write(message);
            return true;
        }
        long size = sizeOf(message);
        if (abandoned || queued() >= limits.maxMessages() || queuedBytes + size > limits.maxBytes()) {
            ReferenceCountUtil.release(message);
            events.dropped(1);
            return false;
        }
        enqueue(message, size);
        return true;
    }

    /**
     * Writes {@code message} like {@link #offer} but never drops it for being over the bounds: for what ends a
     * stream (the terminating chunk, a close frame) and for an origin's own messages, whose sender is paused while
     * they wait, so they stay bounded without being dropped. Takes ownership of {@code message}.
     */
    public void offerAlways(Object message) {
        if (abandoned) {
            ReferenceCountUtil.release(message);
        } else if (queued() == 0 && ctx.channel().isWritable()) {
            write(message);
        } else {
            enqueue(message, sizeOf(message));
        }
    }

    private void enqueue(Object message, long size) {
        if (queue == null) {
            queue = new ArrayDeque<>(8);
        }
        queue.add(message);
        queuedBytes += size;
        events.queued(1);
        if (queue.size() == 1 && time != null && limits.writeTimeoutMillis() > 0) {
            deadline = time.schedule(ctx.executor(), this::deadlinePassed, limits.writeTimeoutMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void deadlinePassed() {
        deadline = null;
        if (queued() > 0 && !abandoned && onStalled != null) {
            onStalled.run();
        }
    }

    /** Whether something was written since the last flush. */
    public boolean unflushed() {
        return unflushed;
    }

    /**
     * Flushes what was written since the last flush. The flush starts at {@code ctx}, not at the pipeline's tail: no
     * handler behind the codec keeps writes back until a flush (message objects pass them on the way in), so only
     * the handlers between the codec and the socket need it, and a fan-out skips the rest once per subscriber.
     */
    public void flush() {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    /** Pre-encoded bytes skip the encoders in front of {@code ctx}; message objects pass through them. */
    private void write(Object message) {
        if (message instanceof ByteBuf) {
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
            Object message = queue.poll();
            queuedBytes -= sizeOf(message);
            write(message);
            written++;
        }
        if (written > 0) {
            events.queued(-written);
        }
        if (queued() == 0) {
            stopDeadline();
        }
        flush();
    }

    public int queued() {
        return queue == null ? 0 : queue.size();
    }

    /** Payload bytes waiting now. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /**
     * Releases everything still queued; the connection is going away.
     *
     * @return how many messages were released
     */
    public int clear() {
        Object message;
        int released = 0;
        while (queue != null && (message = queue.poll()) != null) {
            ReferenceCountUtil.release(message);
            released++;
        }
        queuedBytes = 0;
        if (released > 0) {
            events.queued(-released);
        }
        stopDeadline();
        return released;
    }

    /**
     * Gives up on a client that cannot keep up: releases what is queued, writes {@code last} (a terminating chunk,
     * a close frame) ahead of nothing else Tack still holds, flushes, and closes the connection once {@code last}
     * is out, or after {@value #ABANDON_WAIT_SECONDS} seconds if it never leaves (a reader that stopped reading).
     * Everything offered afterwards is dropped. Takes ownership of {@code last}.
     *
     * @return how many queued messages were released (the caller counts them as dropped)
     */
    public int abandon(Object last) {
        int released = clear();
        abandoned = true;
        Future<?> giveUp = time == null ? null : time.schedule(ctx.executor(), () -> ctx.channel().close(),
                ABANDON_WAIT_SECONDS, TimeUnit.SECONDS);
        var written = last instanceof ByteBuf ? ctx.writeAndFlush(last) : ctx.channel().writeAndFlush(last);
        written.addListener(ChannelFutureListener.CLOSE);
        if (giveUp != null) {
            ctx.channel().closeFuture().addListener(f -> giveUp.cancel(false));
        }
        unflushed = false;
        return released;
    }

    private void stopDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** The payload size a message is counted with: a buffer's or a holder's readable bytes. */
    private static long sizeOf(Object message) {
        if (message instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        if (message instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        return 0;
    }
}
