package dev.tack.proxy.session;

import dev.tack.proxy.delivery.Outbox;
import dev.tack.proxy.delivery.OutboxLimits;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.Shard;
import dev.tack.proxy.time.TimeSource;
import io.netty.channel.ChannelHandlerContext;

/**
 * What a held request needs from its connection.
 *
 * @param client the client connection's handler context (writes pass through the HTTP codec)
 * @param codec the HTTP codec's context: pre-encoded chunks written here skip the codec
 * @param shard the registry shard of the connection's event loop
 * @param outbox how much may wait for a slow client, and for how long, before it is dropped or disconnected
 * @param time the source of the hold's timers (timeout, keep-alives, the outbox's write deadline)
 * @param onDone run once the response is complete and the connection may take its next request
 * @param request the client request behind the hold, for the hold's own origin calls (next links, filters)
 */
public record HoldContext(ChannelHandlerContext client, ChannelHandlerContext codec, Shard shard, TackMetrics metrics,
        OutboxLimits outbox, TimeSource time, Runnable onDone, HeldRequest request) {

    /** A context whose outbox is bounded by {@code outboxMax} messages and the default bytes and deadline. */
    public HoldContext(ChannelHandlerContext client, ChannelHandlerContext codec, Shard shard, TackMetrics metrics,
            int outboxMax, TimeSource time, Runnable onDone, HeldRequest request) {
        this(client, codec, shard, metrics, OutboxLimits.messages(outboxMax), time, onDone, request);
    }

    /**
     * This context without its handler contexts ({@code client} and {@code codec} null), for a hold that outlives the
     * handlers they belong to (a WebSocket, once its handshake removed the HTTP handlers) and must not keep them.
     */
    public HoldContext withoutContexts() {
        return new HoldContext(null, null, shard, metrics, outbox, time, onDone, request);
    }

    /** How many messages may wait for a slow client. */
    public int outboxMax() {
        return outbox.maxMessages();
    }

    /**
     * An outbox writing at {@code at} with this context's limits, metrics and time.
     *
     * @param onStalled run when the client did not keep up within the write deadline
     */
    public Outbox newOutbox(ChannelHandlerContext at, Runnable onStalled) {
        return new Outbox(at, outbox, metrics.outboxEvents(), time, onStalled);
    }
}
