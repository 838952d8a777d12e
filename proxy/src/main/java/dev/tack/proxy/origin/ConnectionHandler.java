package dev.tack.proxy.origin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.Future;

/**
 * The last handler of an origin connection: passes what the origin sends to the call currently using
 * the connection. While the connection sits idle in the pool, anything the origin sends is unexpected, so
 * the connection is closed.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

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
    private Future<?> idleTimer;

    void attach(Listener listener) {
        this.listener = listener;
        this.onIdleClose = null;
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    void detach() {
        this.listener = null;
    }

    /**
     * Closes an origin connection whose exchange gave up on it (it is never pooled); its listener hears nothing
     * more. Does nothing for {@code null}.
     */
    static void abandon(Channel origin) {
        if (origin != null) {
            origin.pipeline().get(ConnectionHandler.class).detach();
            origin.close();
        }
    }

    /**
     * The connection now sits in the pool.
     *
     * @param onIdleClose removes it from the pool if the origin closes it meanwhile
     * @param idleTimer closes it after the pool's idle time; cancelled when the connection is taken again
     */
    void idle(Runnable onIdleClose, Future<?> idleTimer) {
        if (this.idleTimer != null) {
            this.idleTimer.cancel(false); // pooled again without being used
        }
        this.listener = null;
        this.onIdleClose = onIdleClose;
        this.idleTimer = idleTimer;
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
