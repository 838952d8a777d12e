package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.publish.Format;
import dev.tack.api.publish.HttpResponseFormat;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.history.Opening;
import dev.tack.proxy.history.Resume;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.DeliveryFormat;
import dev.tack.proxy.subscription.Subscriber;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-poll (docs/compatibility.md "Long-polling" and "Reliable GRIP"): nothing goes to the client until an
 * {@code http-response} is published on one of its channels, which becomes the response, or until {@code
 * Grip-Timeout} passes, when the origin's original response goes out. Either way the connection then takes its next
 * request.
 *
 * <p>For example, the origin answers
 * <pre>
 * HTTP/1.1 200 OK
 * Grip-Hold: response
 * Grip-Channel: news; prev-id=7
 * Grip-Timeout: 30
 *
 * {"items": []}
 * </pre>
 * and a publish of {@code {"channel":"news","id":"8","prev-id":"7","formats":{"http-response":{"body":"..."}}}}
 * answers the client with that body instead.
 *
 * <p>The held request can be asked again (Pushpin's retry): the hold lets go, and the client's request goes to the
 * origin once more, as it was, with {@code Grip-Last: news; last-id=7}, so the origin can answer with what the client
 * missed. That happens at once when the channel's known last id differs from the origin's {@code prev-id} at the
 * start, and on a published {@code hint}; it is paced by the node's update limiter when a published item does not
 * follow the prev-id, on {@code recover} and on the first-subscription update.
 */
public final class ResponseHold implements Subscriber, Hold, UpdateBatch.Member {

    private static final Logger log = LoggerFactory.getLogger(ResponseHold.class);
    /** The key of response holds in the update limiter (Pushpin keys by next link, which they have none of). */
    private static final String UPDATE_KEY = "";

    private final HoldContext context;
    private final HeldRequest held;
    private final EventLoop loop;
    private final GripInstruction instruction;
    /** The instruction's headers, with those a resume adds: every answer carries them. */
    private List<Header> headers;
    private final List<String> names;
    private final Subscriptions subscriptions;
    private final Resume resume;
    private final HoldChannels channels;
    private final PublishFlow publishes;
    private Future<?> timeout;
    private UpdateBatch batch;
    private URI goneUri;
    private boolean done;

    /**
     * @param channels the final channel names (route prefix applied, limit enforced, implicit ones last)
     * @param resume with {@code history_long_poll}, answers at once from channel history when items follow the
     *     client's position (docs/history.md "Long-polling")
     */
    public ResponseHold(HoldContext context, GripInstruction instruction, List<String> channels, Resume resume) {
        this.context = context;
        this.held = context.request();
        this.loop = context.client().channel().eventLoop();
        this.instruction = instruction;
        this.headers = instruction.headers();
        this.names = channels;
        this.resume = resume;
        this.subscriptions = new Subscriptions(context.shard(), resume.bind(this), held.grip(),
                held.askedAgain() ? Subscriptions.Kind.LONG_POLL_ASKED_AGAIN : Subscriptions.Kind.LONG_POLL);
        this.channels = HoldChannels.of(held, loop);
        this.publishes = new PublishFlow(this.channels, held.grip(), context.outboxMax(), loop, context.metrics(),
                new Items());
    }

    @Override
    public void start() {
        context.metrics().holdStarted(ClientTransport.LONGPOLL);
        channels.meta(instruction.meta());
        channels.takeOver(instruction.channels(), names, name -> { }, name -> { });
        goneUri = held.resolve(instruction.goneLink());
        if (conflicts()) {
            // The origin has not seen what was published since: it answers again, knowing what the client has.
            reAsk();
            return;
        }
        names.forEach(subscriptions::add);
        resume.start(names, this::open);
    }

    /** Starts the timeout; whatever response goes out carries the headers a resume adds. */
    private void open(Opening opening) {
        if (done) {
            return;
        }
        headers = opening.headersWith(instruction.headers());
        timeout = context.time().schedule(loop, this::timedOut, instruction.timeoutSeconds(), TimeUnit.SECONDS);
    }

    /** Pushpin's last-id consistency check at accept time (its {@code AcceptWorker}). */
    private boolean conflicts() {
        boolean conflict = false;
        for (String name : names) {
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
        if (!done) {
            publishes.offer(channel, item);
        }
        return false;
    }

    /** What this long-poll does with the items its {@link PublishFlow} lets through. */
    private final class Items implements PublishFlow.Holder {

        @Override
        public Format format(PreparedItem item) {
            return item.httpResponse();
        }

        @Override
        public boolean ready() {
            return !done;
        }

        @Override
        public void outOfStep(String channel, PreparedItem item) {
            update(false);
        }

        @Override
        public byte[] content(PreparedItem item) {
            return Responses.publishedBody(item.httpResponse(), instruction.body());
        }

        @Override
        public void act(String channel, PreparedItem item, byte[] content) {
            if (done) {
                return;
            }
            HttpResponseFormat format = item.httpResponse();
            switch (format.action()) {
                case SEND -> {
                    byte[] body = content != null ? content : content(item);
                    context.client().writeAndFlush(Responses.publishedWithBody(format, headers, body));
                    context.metrics().delivered(DeliveryFormat.HTTP_RESPONSE, 1);
                    finish();
                }
                case HINT -> update(true);
                default -> log.debug("ignoring http-response action {}", format.action());
            }
        }

        @Override
        public void failed(String error) {
            if (held.debug() && !done) {
                // Pushpin's doError for response holds: a 502 with the reason, and the connection stays usable.
                context.client().writeAndFlush(Responses.full(502, "Bad Gateway",
                        List.of(new Header("Content-Type", "text/plain")),
                        (error + "\n").getBytes(StandardCharsets.UTF_8)));
                finish();
            }
        }

        @Override
        public void flush() {
            context.client().flush();
        }
    }

    @Override
    public void flush() {
        context.client().flush();
    }

    // ---- asking the origin again ----

    /** At once for a {@code hint}, else when the node's update limiter gives this hold its turn. */
    private void update(boolean urgent) {
        if (done) {
            return;
        }
        if (urgent) {
            reAsk();
        } else if (batch == null) {
            batch = UpdateBatch.join(held.grip().updates(), UPDATE_KEY, this);
        }
    }

    @Override
    public EventExecutor loop() {
        return loop;
    }

    @Override
    public void update(UpdateBatch from) {
        if (!done && batch == from) {
            batch = null;
            reAsk();
        }
    }

    @Override
    public boolean recover() {
        if (done || held.reAsk() == null) {
            return false;
        }
        update(false);
        return true;
    }

    /** Lets go of the connection and sends the held request again, with {@code Grip-Last}. */
    private void reAsk() {
        if (held.reAsk() == null) {
            log.debug("long-poll on {} cannot be asked again", held.uri());
            return;
        }
        List<Header> gripLast = channels.gripLast();
        if (!held.reAsk().reAsk(gripLast)) {
            return;
        }
        cleanUp(false);
    }

    // ---- ending ----

    private void timedOut() {
        if (done) {
            return;
        }
        context.client().writeAndFlush(Responses.full(instruction.status(), instruction.reason(), headers,
                instruction.body()));
        finish();
    }

    private void finish() {
        cleanUp(true);
        context.onDone().run();
    }

    /** @param over whether the hold is over for good (the gone link is told); not when the request is asked again */
    private void cleanUp(boolean over) {
        if (done) {
            return;
        }
        done = true;
        context.metrics().holdEnded(ClientTransport.LONGPOLL);
        subscriptions.clear();
        resume.close();
        publishes.clear();
        UpdateBatch.leave(held.grip().updates(), batch, this);
        batch = null;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (over && goneUri != null) {
            GoneLink.post(held, loop, goneUri);
        }
    }

    @Override
    public void clientClosed() {
        cleanUp(true);
    }

    @Override
    public void writabilityChanged() {
    }

    /** Answers as the timeout would: with the origin's own response (docs/reliability.md "Graceful drain"). */
    @Override
    public void goingAway() {
        timedOut();
    }
}
