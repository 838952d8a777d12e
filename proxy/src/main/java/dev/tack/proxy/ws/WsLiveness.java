package dev.tack.proxy.ws;

import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Finds client WebSockets whose peer is gone (docs/reliability.md "Timeouts"): a client that has sent nothing for
 * {@code ws_ping_interval} gets a ping, and if nothing at all arrives within {@code ws_pong_timeout} after it, the
 * connection is given up. The answer to Tack's own ping (a pong carrying {@link #PAYLOAD}) is Tack's business and
 * is not passed on to the origin; every other frame, pongs included, is. One timer per connection, re-armed
 * lazily: a busy connection never pings. Confined to the connection's event loop.
 */
final class WsLiveness {

    /** The payload of Tack's pings. */
    static final byte[] PAYLOAD = "tack".getBytes(StandardCharsets.US_ASCII);

    private final Channel channel;
    private final TimeSource time;
    private final long intervalNanos;
    private final long pongTimeoutNanos;
    private final Runnable dead;
    private long lastRead;
    private long pingSent = -1;
    private Future<?> timer;
    private boolean stopped;

    /**
     * @param intervalMillis 0 turns pings off
     * @param dead run when the pong deadline passed: the caller counts it and closes the connection
     */
    WsLiveness(Channel channel, TimeSource time, long intervalMillis, long pongTimeoutMillis, Runnable dead) {
        this.channel = channel;
        this.time = time;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.pongTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(pongTimeoutMillis);
        this.dead = dead;
    }

    void start() {
        lastRead = now();
        if (intervalNanos > 0) {
            arm(intervalNanos);
        }
    }

    /**
     * A frame arrived.
     *
     * @return false for the answer to Tack's own ping, which goes no further (the caller releases it)
     */
    boolean read(WebSocketFrame frame) {
        lastRead = now();
        pingSent = -1;
        if (frame instanceof PongWebSocketFrame pong) {
            ByteBuf content = pong.content();
            return !ByteBufUtil.equals(content, content.readerIndex(), Unpooled.wrappedBuffer(PAYLOAD), 0,
                    PAYLOAD.length) || content.readableBytes() != PAYLOAD.length;
        }
        return true;
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm(long nanos) {
        timer = time.schedule(channel.eventLoop(), this::due, Math.max(1, nanos), TimeUnit.NANOSECONDS);
    }

    private void due() {
        timer = null;
        if (stopped || !channel.isActive()) {
            return;
        }
        long now = now();
        if (pingSent >= 0) {
            long waited = now - pingSent;
            if (waited >= pongTimeoutNanos) {
                stopped = true;
                dead.run();
                return;
            }
            arm(pongTimeoutNanos - waited);
            return;
        }
        long idle = now - lastRead;
        if (idle < intervalNanos) {
            arm(intervalNanos - idle);
            return;
        }
        pingSent = now;
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(PAYLOAD)), channel.voidPromise());
        arm(pongTimeoutNanos);
    }

    private long now() {
        return time.nanoTime(channel.eventLoop());
    }
}
