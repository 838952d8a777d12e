package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.KeepAlive;
import dev.tack.api.grip.KeepAliveMode;
import dev.tack.api.publish.Action;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.proxy.delivery.Outbox;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.WireEncoding;
import dev.tack.proxy.log.ConnectionLog;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.ConnectionFailure;
import dev.tack.proxy.metrics.DeliveryFormat;
import dev.tack.proxy.metrics.DropReason;
import dev.tack.proxy.subscription.Subscriber;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP stream (plain streaming or SSE, docs/compatibility.md "Streaming"): the origin's status, headers and initial
 * body go out at once with chunked encoding; each published {@code http-stream} content is appended as one
 * chunk, encoded once for all subscribers; {@code action: close} ends the response with the terminating
 * chunk. {@code Grip-Keep-Alive} data is written when the stream has been idle (or at a fixed interval).
 *
 * <p>For example, an SSE origin answers
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: text/event-stream
 * Grip-Hold: stream
 * Grip-Channel: counter-1
 * Grip-Keep-Alive: :\n\n; format=cstring; timeout=20
 * </pre>
 * and a publish with {@code "http-stream": {"content": "data: 7\n\n"}} writes chunk {@code 9\r\ndata: 7\n\n\r\n}.
 */
public final class StreamHold implements Subscriber, Hold {

    private static final Logger log = LoggerFactory.getLogger(StreamHold.class);

    private final HoldContext context;
    private GripInstruction instruction;
    private List<String> channels;
    private KeepAlive keepAlive;
    private final Subscriptions subscriptions;
    private final Outbox outbox;
    private Future<?> keepAliveTimer;
    private long lastWriteNanos;
    private boolean closing;
    private boolean done;
    /** The head and initial body went out before the hold started (a body too large to buffer). */
    private boolean responseSent;
    /** SSE or a plain HTTP stream, by the response's content type: how the metrics count this hold. */
    private final ClientTransport transport;

    public StreamHold(HoldContext context, GripInstruction instruction, List<String> channels) {
        this.context = context;
        this.instruction = instruction;
        this.channels = channels;
        this.subscriptions = new Subscriptions(context.shard(), this);
        this.outbox = context.newOutbox(context.codec(), this::tooSlow);
        this.transport = isEventStream(instruction) ? ClientTransport.SSE : ClientTransport.STREAM;
    }

    /** Call before {@link #start()} when the head and initial body were written already. */
    void responseSent() {
        responseSent = true;
    }

    @Override
    public void start() {
        context.metrics().holdStarted(transport);
        if (!responseSent) {
            context.client().write(Responses.streamHead(instruction.status(), instruction.reason(),
                    instruction.headers()));
            if (instruction.body().length > 0) {
                context.client().write(new DefaultHttpContent(Unpooled.wrappedBuffer(instruction.body())));
            }
            context.client().flush();
        }
        lastWriteNanos = now();
        channels.forEach(subscriptions::add);
        keepAlive = instruction.keepAlive();
        if (keepAlive != null) {
            scheduleKeepAlive(keepAliveDelayNanos());
        }
        // The instruction's headers and body went out; a held stream keeps only what it still needs.
        instruction = null;
        channels = null;
    }

    @Override
    public boolean deliver(String channel, PreparedItem item) {
        HttpStreamFormat format = item.httpStream();
        if (done || closing || format == null) {
            return false;
        }
        boolean wasClean = !outbox.unflushed();
        if (format.action() == Action.CLOSE) {
            close();
            return wasClean;
        }
        if (format.action() != Action.SEND || item.streamChunk() == null) {
            return false;
        }
        if (outbox.offer(item.streamChunk().retainedDuplicate())) {
            lastWriteNanos = now();
            context.metrics().delivered(DeliveryFormat.HTTP_STREAM, 1);
        }
        return wasClean && outbox.unflushed();
    }

    @Override
    public void flush() {
        outbox.flush();
        if (closing && outbox.queued() == 0) {
            finish();
        }
    }

    /**
     * The client did not keep up within {@code write_timeout}: what waits for it is dropped and the stream ends
     * with its terminating chunk, or is cut if even that cannot leave (docs/reliability.md "Slow consumers").
     */
    private void tooSlow() {
        if (done) {
            return;
        }
        closing = true;
        subscriptions.clear();
        stopKeepAlive();
        ConnectionLog.debug(log, context.client().channel(), null).log("{} {} ended: too slow to read what was "
                + "published", transport.label(), context.client().channel().remoteAddress());
        context.metrics().connectionEnded(transport, ConnectionFailure.TOO_SLOW);
        context.metrics().dropped(DropReason.SLOW_CONSUMER, outbox.abandon(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    /** Ends the response cleanly after whatever is still queued. */
    private void close() {
        closing = true;
        subscriptions.clear();
        stopKeepAlive();
        outbox.offerAlways(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private long keepAliveDelayNanos() {
        long millis = keepAlive.timeoutSeconds() * 1000L - ThreadLocalRandom.current().nextInt(1000);
        return TimeUnit.MILLISECONDS.toNanos(Math.max(millis, 1));
    }

    private void scheduleKeepAlive(long delayNanos) {
        keepAliveTimer = context.time().schedule(context.client().executor(), this::keepAliveDue, delayNanos,
                TimeUnit.NANOSECONDS);
    }

    /**
     * Idle mode does not reschedule on every publish (that would cost a timer per subscriber per message):
     * the timer checks when the stream last carried data and sleeps again for the rest of the period.
     */
    private void keepAliveDue() {
        if (done || closing) {
            return;
        }
        long period = TimeUnit.SECONDS.toNanos(keepAlive.timeoutSeconds());
        long idle = now() - lastWriteNanos;
        if (keepAlive.mode() == KeepAliveMode.IDLE && idle < period - TimeUnit.SECONDS.toNanos(1)) {
            scheduleKeepAlive(period - idle);
            return;
        }
        // Encoded when due rather than kept per connection: a held stream is mostly idle.
        if (outbox.offer(WireEncoding.httpChunk(context.client().alloc(), keepAlive.data()))) {
            lastWriteNanos = now();
        }
        outbox.flush();
        scheduleKeepAlive(keepAliveDelayNanos());
    }

    private long now() {
        return context.time().nanoTime(context.client().executor());
    }

    private void stopKeepAlive() {
        if (keepAliveTimer != null) {
            keepAliveTimer.cancel(false);
            keepAliveTimer = null;
        }
    }

    private void finish() {
        if (cleanUp()) {
            context.onDone().run();
        }
    }

    private boolean cleanUp() {
        if (done) {
            return false;
        }
        done = true;
        context.metrics().holdEnded(transport);
        subscriptions.clear();
        stopKeepAlive();
        outbox.clear();
        return true;
    }

    @Override
    public void clientClosed() {
        cleanUp();
    }

    @Override
    public void writabilityChanged() {
        if (!done) {
            outbox.drain();
            if (closing && outbox.queued() == 0) {
                finish();
            }
        }
    }

    /** Ends the stream with its terminating chunk after what is queued (docs/reliability.md "Graceful drain"). */
    @Override
    public void goingAway() {
        if (!done && !closing) {
            close();
            flush();
        }
    }

    private static boolean isEventStream(GripInstruction instruction) {
        for (Header header : instruction.headers()) {
            if (header.name().equalsIgnoreCase("Content-Type")
                    && header.value().toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
                return true;
            }
        }
        return false;
    }
}
