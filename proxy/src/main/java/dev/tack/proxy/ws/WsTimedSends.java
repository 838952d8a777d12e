package dev.tack.proxy.ws;

import dev.tack.api.grip.KeepAliveMode;
import dev.tack.api.ws.WsControlMessage;
import dev.tack.proxy.time.TimeSource;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What a WebSocket session sends on a timer, as the origin's control messages ask (docs/compatibility.md "WebSocket control messages"): {@code
 * keep-alive} (when the connection has been idle, or at a fixed interval; timeouts lose up to 999 ms of jitter as
 * Pushpin's do) and {@code send-delayed} / {@code flush-delayed}. Confined to the connection's event loop.
 */
final class WsTimedSends {

    private final EventExecutor loop;
    private final TimeSource time;
    private final Consumer<WebSocketFrame> send;
    private final LongSupplier lastSendNanos;
    private WsControlMessage.KeepAlive keepAlive;
    private Future<?> keepAliveTimer;
    private WebSocketFrame delayed;
    private Future<?> delayedTimer;
    private boolean stopped;

    /**
     * @param send writes a frame to the client (takes ownership)
     * @param lastSendNanos when the client was last sent anything ({@code time}'s reading)
     */
    WsTimedSends(EventExecutor loop, TimeSource time, Consumer<WebSocketFrame> send, LongSupplier lastSendNanos) {
        this.loop = loop;
        this.time = time;
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
        delayed = WsFrames.message(message.messageType(), message.content());
        delayedTimer = time.schedule(loop, this::flushDelayed, message.timeoutSeconds(), TimeUnit.SECONDS);
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
        keepAliveTimer = time.schedule(loop, this::keepAliveDue, Math.max(delayNanos - jitter, 1_000_000),
                TimeUnit.NANOSECONDS);
    }

    /** Idle mode re-arms for the rest of the period instead of re-scheduling on every message. */
    private void keepAliveDue() {
        if (stopped || keepAlive == null) {
            return;
        }
        long period = TimeUnit.SECONDS.toNanos(keepAlive.timeoutSeconds());
        long idle = time.nanoTime(loop) - lastSendNanos.getAsLong();
        if (keepAlive.mode() == KeepAliveMode.IDLE && idle < period - TimeUnit.SECONDS.toNanos(1)) {
            scheduleKeepAlive(period - idle + TimeUnit.SECONDS.toNanos(1));
            return;
        }
        send.accept(WsFrames.message(keepAlive.messageType(), keepAlive.content()));
        scheduleKeepAlive(period);
    }
}
