package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.HoldMode;
import dev.tack.api.grip.NextLink;
import dev.tack.api.publish.Format;
import dev.tack.proxy.delivery.Outbox;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.WireEncoding;
import dev.tack.proxy.filter.FilterResult;
import dev.tack.proxy.filter.ResponseContentFilter;
import dev.tack.proxy.history.Opening;
import dev.tack.proxy.history.Resume;
import dev.tack.proxy.log.ConnectionLog;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.ConnectionFailure;
import dev.tack.proxy.metrics.DeliveryFormat;
import dev.tack.proxy.metrics.DropReason;
import dev.tack.proxy.subscription.Subscriber;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP stream (plain streaming or SSE, docs/compatibility.md "Streaming" and "Holds and reliability"), and a
 * response without a hold that continues through next links. The origin's status, headers and body go out at once
 * with chunked encoding; each published {@code http-stream} content is appended as one chunk (encoded once for all
 * subscribers unless a filter changed it); {@code close} ends the response. For example an SSE origin answers
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: text/event-stream
 * Grip-Hold: stream
 * Grip-Channel: fruit; prev-id=3
 * Grip-Link: </fruit/?after=3>; rel=next; timeout=120
 * Grip-Keep-Alive: :\n\n; format=cstring; timeout=20
 * </pre>
 * and a publish with {@code "id": "4", "prev-id": "3", "http-stream": {"content": "data: 7\n\n"}} writes chunk
 * {@code 9\r\ndata: 7\n\n\r\n}.
 *
 * <p>With a next link the stream is reliable (Pushpin's {@code httpsession.cpp}, {@link StreamLinks}): the link is
 * fetched with {@code Grip-Last} when an item does not follow its channel's prev-id, on a {@code hint}, on {@code
 * recover} and the first-subscription update, and after the link's timeout. The answer's body is appended and its
 * instruction takes over (channels, prev-ids, filters, meta, next link, keep-alive); items published meanwhile wait
 * ({@link PublishFlow}), and those that do not follow the new prev-ids are dropped. A response without a hold but with
 * a next link is the same machine without subscriptions: each answer's body is appended until one has no link (the
 * response ends) or holds (it becomes a stream).
 *
 * <p>Longer than most classes: the stream writes the client's response, holds its channels and follows its links,
 * and the three share the response's state; what stands apart does (the rules for items in {@link PublishFlow}, the
 * update states in {@link StreamLinks}, keep-alives in {@link StreamKeepAlive}).
 */
public final class StreamHold implements Subscriber, Hold {

    private static final Logger log = LoggerFactory.getLogger(StreamHold.class);

    private final HoldContext context;
    private final HeldRequest held;
    private final EventLoop loop;
    private final ClientTransport transport;
    private final Subscriptions subscriptions;
    private final HoldChannels channels;
    private final Outbox outbox;
    private final PublishFlow publishes;
    private final StreamKeepAlive keepAlive;
    private final StreamLinks links;
    private final Resume resume;
    private GripInstruction first;
    private List<String> firstNames;
    /** Whether the stream holds on its channels (not before its first hold, not while following a chain). */
    private boolean holding;
    /** The end is written; the client still takes it. */
    private boolean closing;
    private boolean done;
    private URI goneUri;
    /** The head and initial body went out before the hold started (a body too large to buffer). */
    private boolean responseSent;

    /**
     * @param channels the final channel names (route prefix applied, limit enforced, implicit ones last)
     * @param resume what the client gets back from channel history (docs/history.md), subscribed in front of this
     *     hold
     */
    public StreamHold(HoldContext context, GripInstruction instruction, List<String> channels, Resume resume) {
        this.context = context;
        this.held = context.request();
        this.loop = context.client().channel().eventLoop();
        this.first = instruction;
        this.firstNames = channels;
        this.resume = resume;
        this.subscriptions = new Subscriptions(context.shard(), resume.bind(this), held.grip(),
                Subscriptions.Kind.HELD);
        this.channels = HoldChannels.of(held, loop);
        this.outbox = context.newOutbox(context.codec(), this::tooSlow);
        this.publishes = new PublishFlow(this.channels, held.grip(), context.outboxMax(), loop, context.metrics(),
                new Items());
        this.keepAlive = new StreamKeepAlive(context.time(), loop, context.client().alloc(), outbox);
        this.links = new StreamLinks(held, loop, new Links());
        this.transport = isEventStream(instruction) ? ClientTransport.SSE : ClientTransport.STREAM;
    }

    /** Call before {@link #start()} when the head and initial body were written already. */
    void responseSent() {
        responseSent = true;
    }

    @Override
    public void start() {
        context.metrics().holdStarted(transport);
        GripInstruction instruction = first;
        List<String> names = firstNames;
        first = null;
        firstNames = null;
        goneUri = held.resolve(instruction.goneLink());
        if (resume != Resume.NONE) {
            // Subscribed before history's snapshot is read, so nothing falls between the two (docs/history.md "How
            // a resume runs"); the head goes out once the snapshot is read, with the outcome.
            names.forEach(subscriptions::add);
        }
        resume.start(names, opening -> open(instruction, names, opening));
    }

    /** Writes the origin's head and first body, with what a resume adds to them, then holds on its channels. */
    private void open(GripInstruction instruction, List<String> names, Opening opening) {
        if (done) {
            return;
        }
        if (!responseSent) {
            context.client().write(Responses.streamHead(instruction.status(), instruction.reason(),
                    opening.headersWith(instruction.headers())));
            byte[] bytes = new byte[0];
            if (instruction.body().length > 0) {
                // The first body goes through build-id too (django-eventstream writes %I into it); only meta is
                // known here. (A body too large to buffer went out as it came: it had no build-id channel.)
                FilterResult body = filteredBody(instruction);
                if (body instanceof FilterResult.Error error) {
                    context.client().flush();
                    error(error.describe());
                    flush();
                    return;
                }
                bytes = ((FilterResult.Send) body).content();
            }
            bytes = opening.bodyWith(bytes);
            if (bytes.length > 0) {
                context.client().write(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
            }
            context.client().flush();
        }
        keepAlive.wrote();
        takeOver(instruction, names, true);
        flush();
    }

    /** Follows an instruction (the first, then each link's): ends, fetches on, or holds on its channels. */
    private void takeOver(GripInstruction instruction, List<String> names, boolean firstHold) {
        channels.meta(instruction.meta());
        links.follow(instruction.nextLink());
        if (instruction.hold() == null) {
            if (links.hasNext()) {
                links.fetchNow();
            } else {
                close();
            }
            return;
        }
        var noLink = instruction.prevIdWithoutNextLink();
        if (noLink.isPresent()) {
            error(noLink.get());
            return;
        }
        channels.takeOver(instruction.channels(), names, subscriptions::add, subscriptions::remove);
        keepAlive.set(instruction.keepAlive());
        holding = true;
        if (firstHold && conflicts()) {
            links.update(false);
            return;
        }
        publishes.dropNotFollowing();
        links.holding();
        publishes.resume();
        links.runWanted();
    }

    /** Pushpin checks a first hold's prev-ids against the known last ids: one that differs is recovered at once. */
    private boolean conflicts() {
        boolean conflict = false;
        for (String name : channels.names()) {
            String prevId = channels.prevId(name);
            String known = prevId == null ? null : held.grip().channels().lastId(name);
            if (known != null && !known.equals(prevId)) {
                log.debug("last ID inconsistency on {} (got={}, expected={}), retrying", name, prevId, known);
                held.grip().channels().forgetLastId(name);
                conflict = true;
            }
        }
        return conflict;
    }

    // ---- published items ----

    @Override
    public boolean deliver(String channel, PreparedItem item) {
        if (closing || done) {
            return false;
        }
        boolean wasClean = !outbox.unflushed();
        publishes.offer(channel, item);
        return wasClean && outbox.unflushed();
    }

    @Override
    public void flush() {
        outbox.flush();
        if (closing && outbox.queued() == 0) {
            finish();
        }
    }

    @Override
    public boolean recover() {
        if (!links.hasNext() || closing || done) {
            return false;
        }
        links.update(false);
        return true;
    }

    /** What this stream does with the items its {@link PublishFlow} lets through. */
    private final class Items implements PublishFlow.Holder {

        @Override
        public Format format(PreparedItem item) {
            return item.httpStream();
        }

        @Override
        public boolean ready() {
            return holding && !closing && !done && links.idle();
        }

        @Override
        public void outOfStep(String channel, PreparedItem item) {
            links.update(false);
        }

        @Override
        public byte[] content(PreparedItem item) {
            return item.httpStream().content();
        }

        @Override
        public void act(String channel, PreparedItem item, byte[] content) {
            if (closing || done) {
                return;
            }
            switch (item.httpStream().action()) {
                case SEND -> {
                    ByteBuf chunk = content != null ? WireEncoding.httpChunk(context.client().alloc(), content)
                            : item.streamChunk() == null ? null : item.streamChunk().retainedDuplicate();
                    if (chunk != null && outbox.offer(chunk)) {
                        keepAlive.wrote();
                        context.metrics().delivered(DeliveryFormat.HTTP_STREAM, 1);
                    }
                    links.activity(channel, channels.size());
                }
                case CLOSE -> close();
                case HINT -> {
                    // Whatever waits is made redundant by what the link returns.
                    publishes.clear();
                    links.update(true);
                }
                default -> {
                }
            }
        }

        @Override
        public void failed(String error) {
            if (held.debug()) {
                error(error);
            }
        }

        @Override
        public void flush() {
            StreamHold.this.flush();
        }
    }

    /** What the next links need from this stream, and their answers. */
    private final class Links implements StreamLinks.Stream {

        @Override
        public List<Header> gripLast() {
            return channels.gripLast();
        }

        @Override
        public boolean clientBusy() {
            return outbox.queued() > 0;
        }

        @Override
        public void fetched(NextLinkFetch.Outcome outcome) {
            if (closing || done) {
                return;
            }
            try {
                answered(outcome);
            } finally {
                flush();
            }
        }
    }

    /** Appends a link's answer and takes its instruction over. */
    private void answered(NextLinkFetch.Outcome outcome) {
        if (outcome instanceof NextLinkFetch.Failed failed) {
            error(failed.error());
            return;
        }
        GripInstruction instruction = ((NextLinkFetch.Fetched) outcome).instruction();
        FilterResult body = filteredBody(instruction);
        if (body instanceof FilterResult.Error error) {
            error(error.describe());
            return;
        }
        ByteBuf chunk = WireEncoding.httpChunk(context.client().alloc(), ((FilterResult.Send) body).content());
        if (chunk != null) {
            outbox.offerAlways(chunk);
            keepAlive.wrote();
        }
        if (instruction.hold() == HoldMode.RESPONSE) {
            error(NextLink.NON_STREAM_HOLD);
            return;
        }
        channels.currentUri(links.current());
        List<String> names = instruction.hold() == null ? null : GripAccept.channelNames(instruction, held.route(),
                held.implicitChannels(), held.subscriptionMax());
        takeOver(instruction, names, false);
    }

    // ---- ending ----

    /** Pushpin's {@code doError} for streams: the stream ends, {@code message} its last text on debug routes. */
    private void error(String message) {
        if (closing || done) {
            return;
        }
        log.info("stream {} ends: {}", held.uri(), message);
        if (held.debug()) {
            outbox.offerAlways(WireEncoding.httpChunk(context.client().alloc(),
                    ("\n\n" + message + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        close();
    }

    /**
     * Ends the response cleanly after whatever is still queued. The hold finishes at the next {@link #flush()}: the
     * shard's, after a delivery, or the caller's, anywhere else.
     */
    private void close() {
        if (closing || done) {
            return;
        }
        closing = true;
        stopActivities();
        outbox.offerAlways(LastHttpContent.EMPTY_LAST_CONTENT);
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
        stopActivities();
        ConnectionLog.debug(log, context.client().channel(), null).log("{} {} ended: too slow to read what was "
                + "published", transport.label(), context.client().channel().remoteAddress());
        context.metrics().connectionEnded(transport, ConnectionFailure.TOO_SLOW);
        context.metrics().dropped(DropReason.SLOW_CONSUMER, outbox.abandon(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    /** Ends the stream with its terminating chunk after what is queued (docs/reliability.md "Graceful drain"). */
    @Override
    public void goingAway() {
        if (!closing && !done) {
            close();
            flush();
        }
    }

    private void stopActivities() {
        subscriptions.clear();
        resume.close();
        keepAlive.stop();
        links.stop();
        publishes.clear();
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
        stopActivities();
        outbox.clear();
        if (goneUri != null) {
            GoneLink.post(held, loop, goneUri);
        }
        return true;
    }

    @Override
    public void clientClosed() {
        cleanUp();
    }

    @Override
    public void writabilityChanged() {
        if (done) {
            return;
        }
        outbox.drain();
        if (closing && outbox.queued() == 0) {
            finish();
        } else if (outbox.queued() == 0) {
            links.clientReady();
        }
    }

    // ---- helpers ----

    /** An answer's body through the {@code build-id} of its channels (Pushpin runs it as the body streams). */
    private static FilterResult filteredBody(GripInstruction instruction) {
        return ResponseContentFilter.whole(instruction.channels(), instruction.meta(), instruction.body());
    }

    private static boolean isEventStream(GripInstruction instruction) {
        for (Header header : instruction.headers()) {
            if (header.name().equalsIgnoreCase("Content-Type")
                    && header.value().toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                return true;
            }
        }
        return false;
    }
}
