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
import dev.tack.proxy.history.Opening;
import dev.tack.proxy.history.Resume;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.DeliveryFormat;
import dev.tack.proxy.subscription.Subscriber;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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

    private final HoldContext context;
    private GripInstruction instruction;
    private List<String> channels;
    private KeepAlive keepAlive;
    private final Subscriptions subscriptions;
    private final Resume resume;
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
        this(context, instruction, channels, Resume.NONE);
    }

    /** @param resume what the client gets back from history (docs/history.md), subscribed in front of this hold */
    public StreamHold(HoldContext context, GripInstruction instruction, List<String> channels, Resume resume) {
        this.context = context;
        this.instruction = instruction;
        this.channels = channels;
        this.resume = resume;
        this.subscriptions = new Subscriptions(context.shard(), resume.bind(this));
        this.outbox = new Outbox(context.codec(), context.outboxMax(), context.metrics().outboxEvents());
        this.transport = isEventStream(instruction) ? ClientTransport.SSE : ClientTransport.STREAM;
    }

    /** Call before {@link #start()} when the head and initial body were written already. */
    void responseSent() {
        responseSent = true;
    }

    /**
     * Subscribes, then lets the resume read its snapshot (docs/history.md "How a resume runs"); the head and
     * initial body go out in {@link #open}, before anything history replays.
     */
    @Override
    public void start() {
        context.metrics().holdStarted(transport);
        channels.forEach(subscriptions::add);
        resume.start(channels, this::open);
    }

    /**
     * Writes the origin's head and initial body, with what the resume adds, and starts the keep-alives. When they
     * went out already (a body too large to buffer), what the resume adds to them is left out; its replay and
     * reset event still follow.
     */
    private void open(Opening opening) {
        if (done) {
            return;
        }
        if (!responseSent) {
            List<Header> headers = instruction.headers();
            if (!opening.headers().isEmpty()) {
                headers = new ArrayList<>(headers);
                headers.addAll(opening.headers());
            }
            context.client().write(Responses.streamHead(instruction.status(), instruction.reason(), headers));
            byte[] body = opening.bodyWith(instruction.body());
            if (body.length > 0) {
                context.client().write(new DefaultHttpContent(Unpooled.wrappedBuffer(body)));
            }
            context.client().flush();
        }
        lastWriteNanos = now();
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
        resume.close();
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
