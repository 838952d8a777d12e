package dev.tack.proxy.origin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an origin connection: passes what the origin sends to the exchange currently using
 * the connection. While the connection sits idle in the pool, anything the origin sends is unexpected, so
 * the connection is closed.
 */
final class OriginHandler extends ChannelInboundHandlerAdapter {

    /** Receives an origin connection's events on its event loop. */
    interface Listener {
        /** Takes ownership of {@code msg} (an HttpResponse or HttpContent). */
        void originRead(Object msg);

        void originInactive();

        void originFailed(Throwable cause);

        void originWritabilityChanged();
    }

    private Listener listener;
    private Runnable onIdleClose;
    private long idleSinceNanos;

    void attach(Listener listener) {
        this.listener = listener;
        this.onIdleClose = null;
    }

    void detach() {
        this.listener = null;
    }

    void idle(Runnable onIdleClose) {
        this.listener = null;
        this.onIdleClose = onIdleClose;
        this.idleSinceNanos = System.nanoTime();
    }

    boolean idleLongerThan(int seconds) {
        return listener == null && System.nanoTime() - idleSinceNanos >= seconds * 1_000_000_000L;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (listener != null) {
            listener.originRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (listener != null) {
            Listener current = listener;
            listener = null;
            current.originInactive();
        } else if (onIdleClose != null) {
            onIdleClose.run();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.originWritabilityChanged();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (listener != null) {
            Listener current = listener;
            listener = null;
            current.originFailed(cause);
        }
        ctx.close();
    }
}
