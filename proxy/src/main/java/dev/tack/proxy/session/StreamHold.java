package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.HoldMode;
import dev.tack.api.grip.NextLink;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.proxy.delivery.Outbox;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.WireEncoding;
import dev.tack.proxy.filter.FilterResult;
import dev.tack.proxy.filter.ResponseContentFilter;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.DeliveryFormat;
import dev.tack.proxy.metrics.DropReason;
import dev.tack.proxy.subscription.Subscriber;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP stream (plain streaming or SSE, docs/compatibility.md "Streaming" and "Reliable GRIP"), and a response
 * without a hold that continues through next links. The origin's status, headers and body go out at once with
 * chunked encoding; each published {@code http-stream} content is appended as one chunk (encoded once for all
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
 * <p>With a next link the stream is reliable (Pushpin's {@code httpsession.cpp}): the link is fetched, with
 * {@code Grip-Last} for every tracked channel, when a published item does not follow the channel's prev-id, on a
 * {@code hint}, on {@code recover} and the first-subscription update, and when no message came on every channel for
 * the link's timeout. The answer's body is appended and its instructions take over (channels, prev-ids, next link,
 * keep-alive); items published meanwhile wait, and those that do not follow the new prev-ids are dropped. A response
 * without a hold but with a next link is the same machine without subscriptions: each answer's body is appended
 * until one has no link (the response ends) or holds (it becomes a stream).
 *
 * <p>Longer than most classes: the hold's phases and what moves it between them read best in one place; timers
 * ({@link StreamKeepAlive}, {@link LinkTimer}), fetching ({@link NextLinkFetch}), channels and filters
 * ({@link HoldChannels}) and waiting items ({@link PublishQueue}) stand apart.
 */
public final class StreamHold implements Subscriber, Hold, UpdateBatch.Member {

    private static final Logger log = LoggerFactory.getLogger(StreamHold.class);
    private static final byte[] EMPTY = new byte[0];

    /** Where the hold is. */
    private enum Phase {
        /** Published items are delivered. */
        HOLDING,
        /** Waiting for the update limiter's turn to fetch the next link; items wait. */
        WAITING,
        /** Fetching the next link, or following links without a hold; items wait. */
        FETCHING,
        /** The end is written; the client still takes it. */
        CLOSING,
        DONE
    }

    private final HoldContext context;
    private final HeldRequest held;
    private final EventLoop loop;
    private final ClientTransport transport;
    private final Subscriptions subscriptions;
    private final HoldChannels channels;
    private final Outbox outbox;
    private final PublishQueue queue;
    private final StreamKeepAlive keepAlive;
    private final LinkTimer linkTimer;
    private GripInstruction first;
    private List<String> firstNames;
    private Phase phase = Phase.FETCHING;
    private boolean filtering;
    private URI currentUri;
    private URI nextUri;
    private int nextTimeoutSeconds;
    private UpdateBatch batch;
    private NextLinkFetch fetch;
    /** A link to follow once the client has taken what waits for it (a chain without a hold). */
    private boolean fetchWhenWritable;
    private boolean updateWanted;
    private boolean updateUrgent;
    private URI goneUri;

    /** @param channels the final channel names (route prefix applied, limit enforced, implicit ones last) */
    public StreamHold(HoldContext context, GripInstruction instruction, List<String> channels) {
        this.context = context;
        this.held = context.request();
        this.loop = context.client().channel().eventLoop();
        this.first = instruction;
        this.firstNames = channels;
        this.subscriptions = new Subscriptions(context.shard(), this, held.grip(), false);
        this.channels = HoldChannels.of(held, loop);
        this.outbox = new Outbox(context.codec(), context.outboxMax(), context.metrics().outboxEvents());
        this.queue = new PublishQueue(context.outboxMax());
        this.keepAlive = new StreamKeepAlive(context.time(), loop, context.client().alloc(), outbox);
        this.linkTimer = new LinkTimer(context.time(), loop, () -> update(false));
        this.transport = isEventStream(instruction) ? ClientTransport.SSE : ClientTransport.STREAM;
    }

    @Override
    public void start() {
        context.metrics().holdStarted(transport);
        GripInstruction instruction = first;
        List<String> names = firstNames;
        first = null;
        firstNames = null;
        currentUri = held.uri();
        goneUri = instruction.goneLink() == null ? null : resolve(instruction.goneLink());
        context.client().write(Responses.streamHead(instruction.status(), instruction.reason(),
                instruction.headers()));
        if (instruction.body().length > 0) {
            // The first body goes through build-id too (django-eventstream writes %I into it); only meta is known here.
            ResponseContentFilter filter = ResponseContentFilter.forChannels(instruction.channels(), instruction.meta());
            FilterResult head = filter.update(instruction.body());
            FilterResult body = head instanceof FilterResult.Send s ? joined(s, filter.finish()) : head;
            if (body instanceof FilterResult.Error error) {
                context.client().flush();
                error(error.describe());
                flush();
                return;
            }
            context.client().write(new DefaultHttpContent(Unpooled.wrappedBuffer(((FilterResult.Send) body).content())));
        }
        context.client().flush();
        keepAlive.wrote();
        takeOver(instruction, names, true);
        flush();
    }

    // ---- instructions: the first one, then each next link's ----

    /** Follows an instruction: ends, fetches on, or holds on its channels. */
    private void takeOver(GripInstruction instruction, List<String> names, boolean firstHold) {
        channels.meta(instruction.meta());
        nextUri = instruction.nextLink() == null ? null : resolveNext(instruction.nextLink());
        nextTimeoutSeconds = instruction.nextLink() == null ? NextLink.DEFAULT_TIMEOUT
                : instruction.nextLink().timeoutSeconds();
        if (instruction.hold() == null) {
            if (nextUri == null) {
                close();
            } else {
                fetchNext();
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
        phase = Phase.HOLDING;
        if (firstHold && conflicts()) {
            update(false);
            return;
        }
        dropStale();
        processQueue();
        if (phase == Phase.HOLDING) {
            if (nextUri != null) {
                linkTimer.start(nextTimeoutSeconds);
            }
            if (updateWanted) {
                boolean urgent = updateUrgent;
                updateWanted = false;
                updateUrgent = false;
                update(urgent);
            }
        }
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

    /** Drops waiting items that do not follow the new prev-ids (or whose channel is gone), up to the first that does. */
    private void dropStale() {
        PublishQueue.Entry next;
        while ((next = queue.peek()) != null) {
            String prevId = channels.prevId(next.channel());
            if (channels.contains(next.channel()) && (prevId == null || prevId.equals(next.item().item().prevId()))) {
                return;
            }
            queue.poll().item().release();
        }
    }

    // ---- published items ----

    @Override
    public boolean deliver(String channel, PreparedItem item) {
        if (item.httpStream() == null || phase == Phase.CLOSING || phase == Phase.DONE) {
            return false;
        }
        if (phase != Phase.HOLDING || filtering || !queue.isEmpty()) {
            if (!queue.add(channel, item)) {
                log.debug("publish queue at max, dropping");
                context.metrics().dropped(DropReason.OUTBOX_FULL, 1);
            }
            return false;
        }
        boolean wasClean = !outbox.unflushed();
        process(channel, item);
        return wasClean && outbox.unflushed();
    }

    private void process(String channel, PreparedItem item) {
        if (!channels.contains(channel)) {
            return;
        }
        String prevId = channels.prevId(channel);
        if (prevId != null && !prevId.equals(item.item().prevId())) {
            log.debug("last ID inconsistency on {} (got={}, expected={}), retrying", channel, item.item().prevId(),
                    prevId);
            context.metrics().dropped(DropReason.LAST_ID_MISMATCH, 1);
            held.grip().channels().forgetLastId(channel);
            queue.clear();
            update(false);
            return;
        }
        HttpStreamFormat format = item.httpStream();
        var mismatch = channels.mismatch(channel, format);
        if (mismatch.isPresent()) {
            dropped(mismatch.get());
            return;
        }
        channels.advance(channel, item.item().id());
        if (!channels.filtered(channel)) {
            act(channel, item, null);
            return;
        }
        byte[] content = format.content() == null ? EMPTY : format.content();
        filtering = !channels.filter(channel, item, content, loop, result -> {
            boolean later = filtering;
            filtering = false;
            if (phase == Phase.CLOSING || phase == Phase.DONE) {
                return;
            }
            if (result instanceof FilterResult.Send send) {
                act(channel, item, send.content() == format.content() ? null : send.content());
            } else {
                dropped(result instanceof FilterResult.Error error ? error.describe() : null);
            }
            if (later) {
                processQueue();
            }
        });
    }

    /** Acts on an item the filters let through; {@code content} is null when it is the published content as is. */
    private void act(String channel, PreparedItem item, byte[] content) {
        switch (item.httpStream().action()) {
            case SEND -> {
                ByteBuf chunk = content != null ? WireEncoding.httpChunk(context.client().alloc(), content)
                        : item.streamChunk() == null ? null : item.streamChunk().retainedDuplicate();
                if (chunk != null && outbox.offer(chunk)) {
                    keepAlive.wrote();
                    context.metrics().delivered(DeliveryFormat.HTTP_STREAM, 1);
                }
                linkTimer.activity(channel, channels.size());
            }
            case CLOSE -> close();
            case HINT -> {
                // Whatever waits is made redundant by what the link returns.
                queue.clear();
                update(true);
            }
            default -> {
            }
        }
    }

    /** A filter or the content-filters rule kept an item from this stream; a debug route ends the stream. */
    private void dropped(String error) {
        context.metrics().dropped(DropReason.FILTERED, 1);
        if (error != null) {
            log.debug("stream on {}: {}", held.uri(), error);
            if (held.debug()) {
                error(error);
            }
        }
    }

    private void processQueue() {
        PublishQueue.Entry entry;
        while (phase == Phase.HOLDING && !filtering && (entry = queue.poll()) != null) {
            try {
                process(entry.channel(), entry.item());
            } finally {
                entry.item().release();
            }
        }
        flush();
    }

    @Override
    public void flush() {
        outbox.flush();
        if (phase == Phase.CLOSING && outbox.queued() == 0) {
            finish();
        }
    }

    // ---- updates: fetching the next link ----

    /**
     * Re-syncs through the next link: at once when {@code urgent} (a {@code hint}), else when the node's update
     * limiter gives this hold its turn. A hold already fetching fetches again afterwards.
     */
    private void update(boolean urgent) {
        switch (phase) {
            case FETCHING -> {
                updateWanted = true;
                updateUrgent |= urgent;
            }
            case WAITING -> {
                if (urgent) {
                    UpdateBatch.leave(held.grip().updates(), batch, this);
                    batch = null;
                    fetchNext();
                }
            }
            case HOLDING -> {
                if (nextUri == null) {
                    return;
                }
                linkTimer.stop();
                if (urgent) {
                    fetchNext();
                } else {
                    phase = Phase.WAITING;
                    batch = UpdateBatch.join(held.grip().updates(), nextUri.toString(), this);
                }
            }
            default -> {
            }
        }
    }

    @Override
    public EventExecutor loop() {
        return loop;
    }

    @Override
    public void update(UpdateBatch from) {
        if (phase == Phase.WAITING && batch == from) {
            batch = null;
            fetchNext();
        }
    }

    @Override
    public boolean recover() {
        if (nextUri == null || phase == Phase.CLOSING || phase == Phase.DONE) {
            return false;
        }
        update(false);
        return true;
    }

    private void fetchNext() {
        phase = Phase.FETCHING;
        linkTimer.stop();
        if (outbox.queued() > 0) {
            // The client has not taken the last answer yet: the next one waits for it, as Pushpin's does.
            fetchWhenWritable = true;
            return;
        }
        fetch = new NextLinkFetch(held, loop, nextUri, channels.gripLast(), this::fetched);
        fetch.start();
    }

    private void fetched(NextLinkFetch.Outcome outcome) {
        fetch = null;
        if (phase != Phase.FETCHING) {
            return;
        }
        try {
            answered(outcome);
        } finally {
            flush();
        }
    }

    private void answered(NextLinkFetch.Outcome outcome) {
        if (outcome instanceof NextLinkFetch.Failed failed) {
            error(failed.error());
            return;
        }
        GripInstruction instruction = ((NextLinkFetch.Fetched) outcome).instruction();
        ResponseContentFilter filter = ResponseContentFilter.forChannels(instruction.channels(), instruction.meta());
        FilterResult head = filter.update(instruction.body());
        FilterResult body = head instanceof FilterResult.Send s ? joined(s, filter.finish()) : head;
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
        currentUri = nextUri;
        channels.currentUri(currentUri);
        List<String> names = instruction.hold() == null ? null : GripAccept.channelNames(instruction, held.route(),
                held.implicitChannels(), held.subscriptionMax());
        takeOver(instruction, names, false);
    }

    // ---- ending ----

    /** Pushpin's {@code doError} for streams: the stream ends, with {@code message} as its last text on debug routes. */
    private void error(String message) {
        if (phase == Phase.CLOSING || phase == Phase.DONE) {
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
        if (phase == Phase.CLOSING || phase == Phase.DONE) {
            return;
        }
        phase = Phase.CLOSING;
        stopActivities();
        outbox.offerAlways(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private void stopActivities() {
        subscriptions.clear();
        keepAlive.stop();
        linkTimer.stop();
        queue.clear();
        if (fetch != null) {
            fetch.cancel();
            fetch = null;
        }
        UpdateBatch.leave(held.grip().updates(), batch, this);
        batch = null;
    }

    private void finish() {
        if (cleanUp()) {
            context.onDone().run();
        }
    }

    private boolean cleanUp() {
        if (phase == Phase.DONE) {
            return false;
        }
        phase = Phase.DONE;
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
        if (phase == Phase.DONE) {
            return;
        }
        outbox.drain();
        if (phase == Phase.CLOSING && outbox.queued() == 0) {
            finish();
        } else if (fetchWhenWritable && outbox.queued() == 0 && phase == Phase.FETCHING) {
            fetchWhenWritable = false;
            fetchNext();
        }
    }

    // ---- helpers ----

    private URI resolve(URI link) {
        try {
            return dev.tack.api.grip.LinkUris.resolve(held.uri(), link);
        } catch (IllegalArgumentException e) {
            log.info("link {} does not resolve against {}: {}", link, held.uri(), e.getMessage());
            return null;
        }
    }

    private URI resolveNext(NextLink link) {
        try {
            return link.resolve(currentUri);
        } catch (IllegalArgumentException e) {
            log.info("next link {} does not resolve against {}: {}", link.uri(), currentUri, e.getMessage());
            return null;
        }
    }

    private static FilterResult joined(FilterResult.Send head, FilterResult tail) {
        if (!(tail instanceof FilterResult.Send rest) || rest.content().length == 0) {
            return tail instanceof FilterResult.Send ? head : tail;
        }
        byte[] out = new byte[head.content().length + rest.content().length];
        System.arraycopy(head.content(), 0, out, 0, head.content().length);
        System.arraycopy(rest.content(), 0, out, head.content().length, rest.content().length);
        return new FilterResult.Send(out);
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
