package dev.tack.proxy.session;

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
 * @param outboxMax how many messages may wait for a slow client before newer ones are dropped
 * @param time the source of the hold's timers (timeout, keep-alives)
 * @param onDone run once the response is complete and the connection may take its next request
 * @param request the client request behind the hold, for the hold's own origin calls (next links, filters)
 */
public record HoldContext(ChannelHandlerContext client, ChannelHandlerContext codec, Shard shard, TackMetrics metrics,
        int outboxMax, TimeSource time, Runnable onDone, HeldRequest request) {
}
