package dev.tack.proxy.ws;

import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.session.GoingAway;
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
 * a "deflate bomb" never reaches the heap), the decoder's code (1002, 1007) for protocol violations. It also keeps
 * the connection's {@link WsLiveness} (pings to a silent client, the pong deadline) and, when Tack drains, tells the
 * session to close with 1001 ({@link GoingAway}).
 */
final class WsFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WsFrameHandler.class);

    private final WsSession session;
    private final TackMetrics metrics;
    private final WsLiveness liveness;

    /** A handler without pings (for handler tests). */
    WsFrameHandler(WsSession session, TackMetrics metrics) {
        this(session, metrics, null);
    }

    /** @param liveness the connection's pings, started when this handler is added; null: none */
    WsFrameHandler(WsSession session, TackMetrics metrics, WsLiveness liveness) {
        this.session = session;
        this.metrics = metrics;
        this.liveness = liveness;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (liveness != null) {
            liveness.start();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (liveness != null) {
            liveness.stop();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame frame) {
            if (liveness == null || liveness.read(frame)) {
                session.clientFrame(frame);
            } else {
                frame.release();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Tack is draining: the session closes with 1001 Going Away. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == GoingAway.NOW) {
            session.goingAway();
            return;
        }
        if (evt == GoingAway.IDLE_ONLY) {
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    /** The connection count was raised by the server's HTTP handler, which is gone after the upgrade. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (liveness != null) {
            liveness.stop();
        }
        metrics.clientDisconnected();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof DecompressionException) {
            metrics.connectionFailed(log, ctx.channel(), ClientTransport.WS, null, cause);
            closeWith(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, cause.getMessage());
        } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            metrics.connectionFailed(log, ctx.channel(), ClientTransport.WS, null, cause);
            closeWith(ctx, corrupted.closeStatus(), cause.getMessage());
        } else {
            metrics.connectionFailed(log, ctx.channel(), ClientTransport.WS, null, cause);
            ctx.close();
        }
    }

    /**
     * Stops reading (nothing more from this client is wanted), sends a close frame with {@code status} and the
     * decoder's reason (cut to the 123 bytes a close frame has room for), then closes. For example an unmasked frame
     * gets {@code 1002 received a frame that is not masked as expected} (docs/reliability.md "Protocol errors").
     */
    private static void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        ctx.channel().config().setAutoRead(false);
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), closeReason(reason, status)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** {@code reason} if it fits in a close frame as UTF-8, else cut at a character boundary; the code's text if none. */
    static String closeReason(String reason, WebSocketCloseStatus status) {
        String text = reason == null || reason.isEmpty() ? status.reasonText() : reason;
        int end = text.length();
        while (text.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            end--;
            if (end > 0 && Character.isLowSurrogate(text.charAt(end))) {
                end--;
            }
        }
        return text.substring(0, end);
    }
}
