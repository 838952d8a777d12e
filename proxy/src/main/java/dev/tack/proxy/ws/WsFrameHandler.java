package dev.tack.proxy.ws;

import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.TackMetrics;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an upgraded client connection: hands whole frames (continuations already joined, inflated)
 * to its {@link WsSession} and turns frame errors into close codes: 1009 for a message over the size limit,
 * counted after inflation (a small compressed frame that inflates past the limit is refused while inflating, so
 * a "deflate bomb" never reaches the heap), the decoder's code (1002, 1007) for protocol violations.
 */
final class WsFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WsFrameHandler.class);

    private final WsSession session;
    private final TackMetrics metrics;

    WsFrameHandler(WsSession session, TackMetrics metrics) {
        this.session = session;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame frame) {
            session.clientFrame(frame);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    /** The connection count was raised by the server's HTTP handler, which is gone after the upgrade. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        metrics.clientDisconnected();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof DecompressionException) {
            metrics.connectionFailed(log, ctx.channel(), ClientTransport.WS, null, cause);
            closeWith(ctx, new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG));
        } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            metrics.connectionFailed(log, ctx.channel(), ClientTransport.WS, null, cause);
            closeWith(ctx, new CloseWebSocketFrame(corrupted.closeStatus()));
        } else {
            metrics.connectionFailed(log, ctx.channel(), ClientTransport.WS, null, cause);
            ctx.close();
        }
    }

    /** Stops reading (nothing more from this client is wanted), sends the close frame, then closes. */
    private static void closeWith(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
    }
}
