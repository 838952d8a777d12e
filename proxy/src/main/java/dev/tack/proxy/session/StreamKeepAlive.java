package dev.tack.proxy.session;

import dev.tack.api.grip.KeepAlive;
import dev.tack.api.grip.KeepAliveMode;
import dev.tack.proxy.delivery.Outbox;
import dev.tack.proxy.delivery.WireEncoding;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A stream hold's {@code Grip-Keep-Alive} (docs/compatibility.md "Streaming"): the data is written when the stream
 * has been idle for the timeout, less up to 999 ms of jitter, or at a fixed interval in {@code interval} mode.
 *
 * <p>Idle mode does not reschedule on every publish (that would cost a timer per subscriber per message): the timer
 * checks when the stream last carried data and sleeps again for the rest of the period. Confined to the hold's
 * event loop.
 */
final class StreamKeepAlive {

    private final TimeSource time;
    private final EventExecutor loop;
    private final ByteBufAllocator alloc;
    private final Outbox outbox;
    private KeepAlive keepAlive;
    private Future<?> timer;
    private long lastWriteNanos;

    StreamKeepAlive(TimeSource time, EventExecutor loop, ByteBufAllocator alloc, Outbox outbox) {
        this.time = time;
        this.loop = loop;
        this.alloc = alloc;
        this.outbox = outbox;
        this.lastWriteNanos = now();
    }

    /** Uses {@code value} from now on (null: no keep-alives); a running timer keeps its schedule. */
    void set(KeepAlive value) {
        keepAlive = value;
        if (value == null) {
            stop();
        } else if (timer == null) {
            schedule(delayNanos());
        }
    }

    /** The stream carried data just now. */
    void wrote() {
        lastWriteNanos = now();
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private long delayNanos() {
        long millis = keepAlive.timeoutSeconds() * 1000L - ThreadLocalRandom.current().nextInt(1000);
        return TimeUnit.MILLISECONDS.toNanos(Math.max(millis, 1));
    }

    private void schedule(long delayNanos) {
        timer = time.schedule(loop, this::due, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void due() {
        timer = null;
        if (keepAlive == null) {
            return;
        }
        long period = TimeUnit.SECONDS.toNanos(keepAlive.timeoutSeconds());
        long idle = now() - lastWriteNanos;
        if (keepAlive.mode() == KeepAliveMode.IDLE && idle < period - TimeUnit.SECONDS.toNanos(1)) {
            schedule(period - idle);
            return;
        }
        // Encoded when due rather than kept per connection: a held stream is mostly idle.
        if (outbox.offer(WireEncoding.httpChunk(alloc, keepAlive.data()))) {
            wrote();
        }
        outbox.flush();
        schedule(delayNanos());
    }

    private long now() {
        return time.nanoTime(loop);
    }
}
