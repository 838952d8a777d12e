package dev.tack.proxy.session;

import dev.tack.api.grip.KeepAliveMode;
import dev.tack.api.publish.WsMessageType;
import dev.tack.api.ws.WsControlMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What a WebSocket session sends on a timer, as the origin's control messages ask (pushpin-spec §2.7): {@code
 * keep-alive} (when the connection has been idle, or at a fixed interval; timeouts lose up to 999 ms of jitter as
 * Pushpin's do) and {@code send-delayed} / {@code flush-delayed}. Confined to the connection's event loop.
 */
final class WsTimedSends {

    private final EventExecutor loop;
    private final Consumer<WebSocketFrame> send;
    private final LongSupplier lastSendNanos;
    private WsControlMessage.KeepAlive keepAlive;
    private ScheduledFuture<?> keepAliveTimer;
    private WebSocketFrame delayed;
    private ScheduledFuture<?> delayedTimer;
    private boolean stopped;

    /**
     * @param send writes a frame to the client (takes ownership)
     * @param lastSendNanos when the client was last sent anything ({@link System#nanoTime()})
     */
    WsTimedSends(EventExecutor loop, Consumer<WebSocketFrame> send, LongSupplier lastSendNanos) {
        this.loop = loop;
        this.send = send;
        this.lastSendNanos = lastSendNanos;
    }

    /** {@code c:keep-alive}: replaces any earlier keep-alive; one without content switches them off. */
    void keepAlive(WsControlMessage.KeepAlive ka) {
        if (keepAliveTimer != null) {
            keepAliveTimer.cancel(false);
            keepAliveTimer = null;
        }
        keepAlive = ka.isOff() ? null : ka;
        if (keepAlive != null) {
            scheduleKeepAlive(TimeUnit.SECONDS.toNanos(keepAlive.timeoutSeconds()));
        }
    }

    /** {@code c:send-delayed}: a pending delayed message goes out first. */
    void sendDelayed(WsControlMessage.SendDelayed message) {
        flushDelayed();
        delayed = frame(message.messageType(), message.content());
        delayedTimer = loop.schedule(this::flushDelayed, message.timeoutSeconds(), TimeUnit.SECONDS);
    }

    /** {@code c:flush-delayed}: sends the pending delayed message now. */
    void flushDelayed() {
        if (delayedTimer != null) {
            delayedTimer.cancel(false);
            delayedTimer = null;
        }
        if (delayed != null) {
            WebSocketFrame frame = delayed;
            delayed = null;
            send.accept(frame);
        }
    }

    /** The connection is gone: cancels every timer and drops the pending delayed message. */
    void stop() {
        stopped = true;
        if (keepAliveTimer != null) {
            keepAliveTimer.cancel(false);
        }
        if (delayedTimer != null) {
            delayedTimer.cancel(false);
        }
        if (delayed != null) {
            delayed.release();
            delayed = null;
        }
    }

    private void scheduleKeepAlive(long delayNanos) {
        long jitter = TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(1000));
        keepAliveTimer = loop.schedule(this::keepAliveDue, Math.max(delayNanos - jitter, 1_000_000),
                TimeUnit.NANOSECONDS);
    }

    /** Idle mode re-arms for the rest of the period instead of re-scheduling on every message. */
    private void keepAliveDue() {
        if (stopped || keepAlive == null) {
            return;
        }
        long period = TimeUnit.SECONDS.toNanos(keepAlive.timeoutSeconds());
        long idle = System.nanoTime() - lastSendNanos.getAsLong();
        if (keepAlive.mode() == KeepAliveMode.IDLE && idle < period - TimeUnit.SECONDS.toNanos(1)) {
            scheduleKeepAlive(period - idle + TimeUnit.SECONDS.toNanos(1));
            return;
        }
        send.accept(frame(keepAlive.messageType(), keepAlive.content()));
        scheduleKeepAlive(period);
    }

    static WebSocketFrame frame(WsMessageType type, byte[] content) {
        ByteBuf payload = wrap(content);
        return switch (type) {
            case TEXT -> new TextWebSocketFrame(payload);
            case BINARY -> new BinaryWebSocketFrame(payload);
            case PING -> new PingWebSocketFrame(payload);
            case PONG -> new PongWebSocketFrame(payload);
        };
    }

    static ByteBuf wrap(byte[] content) {
        return content == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(content);
    }
}
