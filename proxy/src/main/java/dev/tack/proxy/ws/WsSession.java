package dev.tack.proxy.ws;

import dev.tack.api.Header;
import dev.tack.api.publish.Format;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.api.ws.WsControlCodec;
import dev.tack.api.ws.WsControlMessage;
import dev.tack.api.ws.WsControlResult;
import dev.tack.api.ws.WsEvent;
import dev.tack.proxy.delivery.Outbox;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.history.Resume;
import dev.tack.proxy.log.ConnectionLog;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.ConnectionFailure;
import dev.tack.proxy.metrics.DeliveryFormat;
import dev.tack.proxy.metrics.DropReason;
import dev.tack.proxy.session.HoldChannels;
import dev.tack.proxy.session.HoldContext;
import dev.tack.proxy.session.PublishFlow;
import dev.tack.proxy.session.Subscriptions;
import dev.tack.proxy.subscription.Subscriber;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client WebSocket held at Tack (docs/compatibility.md "WebSockets"): client messages go to the origin through
 * an {@link OriginLink}; the origin's messages come back, and with the GRIP extension on they carry a prefix
 * ({@code m:} by default) or are control messages ({@code c:}) that subscribe the connection to channels.
 * Published {@code ws-message}s arrive as a {@link Subscriber}, one frame encoded for all.
 *
 * <p>A WebSocket-over-HTTP reply that turns GRIP on and subscribes looks like:
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: application/websocket-events
 * Sec-WebSocket-Extensions: grip
 *
 * OPEN\r\n
 * TEXT 2a\r\n
 * c:{"type":"subscribe","channel":"room-42"}\r\n
 * </pre>
 *
 * <p>Longer than most classes: the session stands between the client, the origin link, the control messages and the
 * publishes, and they share the connection's state; the timers ({@link WsTimedSends}), the close handshake ({@link
 * CloseHandshake}), frame conversion ({@link WsFrames}) and the publish rules ({@link PublishFlow}) stand apart.
 */
final class WsSession implements Subscriber, OriginLink.Listener {

    private static final Logger log = LoggerFactory.getLogger(WsSession.class);
    /** RFC 6455 §7.4.1: the client broke a rule (here: sent more than may wait for the origin). */
    static final int POLICY_VIOLATION = 1008;

    /**
     * The client's channel. Not its handler context: the handshake removes that handler, and a removed context
     * still links the HTTP codec and handlers it stood among, about a kilobyte per WebSocket for its whole life.
     */
    private final Channel client;
    /** Until the origin accepted or refused: it too holds the handler context. */
    private ClientHandshake handshake;
    private final HoldContext hold;
    private final int subscriptionMax;
    private final String channelPrefix;
    private final List<String> implicitChannels;
    private final Subscriptions subscriptions;
    private final Resume resume;
    /** Each channel's filters and the connection's meta ({@code c:set-meta}), docs/compatibility.md "Reliable GRIP". */
    private final HoldChannels channels;
    /** Content-filters, filters, and the publishes that wait while an {@code http-check} call decides. */
    private final PublishFlow publishes;
    private final WsTimedSends timedSends;
    private final CloseHandshake closing;
    private OriginLink link;
    private Outbox outbox;
    private String gripPrefix;
    private boolean open;
    private boolean originPaused;
    private boolean closed;
    private long lastSendNanos;

    /**
     * @param hold the connection's shard, metrics, outbox size, time source and request ({@code codec} is unused)
     * @param implicitChannels the route target's {@code sub=} channels, subscribed once accepted
     * @param resume what the client asked to get back from history ({@code recover=}, {@code rewind=}), applied to
     *     each channel the origin subscribes it to (docs/history.md "WebSockets")
     */
    WsSession(ChannelHandlerContext clientContext, ClientHandshake handshake, HoldContext hold, int subscriptionMax,
            String channelPrefix, List<String> implicitChannels, Resume resume) {
        this.client = clientContext.channel();
        this.handshake = handshake;
        this.hold = hold.withoutContexts();
        this.subscriptionMax = subscriptionMax;
        this.channelPrefix = channelPrefix == null ? "" : channelPrefix;
        this.implicitChannels = implicitChannels;
        this.resume = resume;
        this.subscriptions = new Subscriptions(hold.shard(), resume.bind(this), hold.request().grip(),
                Subscriptions.Kind.HELD);
        this.channels = HoldChannels.of(hold.request(), client.eventLoop());
        this.publishes = new PublishFlow(channels, hold.request().grip(), hold.outboxMax(), client.eventLoop(),
                hold.metrics(), new Items());
        this.timedSends = new WsTimedSends(client.eventLoop(), hold.time(), this::sendOwn, () -> lastSendNanos);
        this.closing = new CloseHandshake(client, hold.time());
    }

    /** Starts the session with its origin link; the client gets {@code 101} once the origin accepts. */
    void start(OriginLink originLink) {
        this.link = originLink;
        client.closeFuture().addListener(f -> cleanUp());
        // Opened from a task of its own: an origin that accepts at once (the test target) then swaps the
        // pipeline after the HTTP codec has finished with the request, never in the middle of decoding it.
        client.eventLoop().execute(() -> {
            if (!closed) {
                link.open();
            }
        });
    }

    private long now() {
        return hold.time().nanoTime(client.eventLoop());
    }

    // ---- origin side ----

    @Override
    public void accepted(List<Header> headers, String gripPrefix) {
        if (closed) {
            return;
        }
        this.gripPrefix = gripPrefix;
        ChannelHandlerContext encoder = handshake.complete(headers);
        handshake = null;
        outbox = hold.newOutbox(encoder, this::tooSlow);
        open = true;
        hold.metrics().holdStarted(ClientTransport.WS);
        for (String channel : implicitChannels) {
            subscribe(channel, List.of());
        }
        lastSendNanos = now();
    }

    @Override
    public void rejected(int status, String reason, List<Header> headers, byte[] body) {
        if (!closed && handshake != null) {
            handshake.reject(status, reason, headers, body);
        }
    }

    @Override
    public void originEvent(WsEvent event) {
        if (closed || !open) {
            return;
        }
        switch (event.type()) {
            case TEXT, BINARY -> originMessage(event);
            case PING -> sendToClient(new PingWebSocketFrame(WsFrames.payload(event.content())));
            case PONG -> sendToClient(new PongWebSocketFrame(WsFrames.payload(event.content())));
            case CLOSE -> closeClient(event.closeCode(), event.closeReason());
            case DISCONNECT -> {
                log.debug("origin disconnected " + client.remoteAddress());
                client.close();
            }
            case OPEN -> originFailed("origin sent OPEN on an open connection");
        }
    }

    private void originMessage(WsEvent event) {
        String control = GripMessages.control(gripPrefix, event);
        if (control != null) {
            control(control);
            return;
        }
        WebSocketFrame frame = GripMessages.forClient(gripPrefix, event);
        if (frame == null) {
            log.debug("dropping unprefixed message from origin");
        } else {
            sendToClient(frame);
        }
    }

    @Override
    public void originFailed(String reason) {
        if (closed) {
            return;
        }
        ConnectionLog.debug(log, client, null).log("WebSocket {} closed: {}", client.remoteAddress(),
                reason);
        if (!open) {
            handshake.reject(502, "Bad Gateway", List.of(new Header("Content-Type", "text/plain")),
                    "Error while proxying to origin.\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        closeClient(1011, "origin error");
    }

    @Override
    public void originBusy(boolean busy) {
        client.config().setAutoRead(!busy);
    }

    @Override
    public void clientOverflow(String reason) {
        ConnectionLog.debug(log, client, null).log("WebSocket {} closed: {}", client.remoteAddress(),
                reason);
        closeClient(POLICY_VIOLATION, reason);
    }

    /**
     * The client did not keep up within {@code write_timeout}: what waits for it is dropped and it gets close 1008
     * (docs/reliability.md "Slow consumers").
     */
    private void tooSlow() {
        if (closed) {
            return;
        }
        ConnectionLog.debug(log, client, null).log("WebSocket {} closed: too slow to read what was published",
                client.remoteAddress());
        hold.metrics().connectionEnded(ClientTransport.WS, ConnectionFailure.TOO_SLOW);
        hold.metrics().dropped(DropReason.SLOW_CONSUMER,
                outbox.abandon(new CloseWebSocketFrame(POLICY_VIOLATION, "too slow")));
        closing.closeSent();
    }

    /** Tack is draining ({@code GoingAway}): close 1001 Going Away, or just close before the handshake ended. */
    void goingAway() {
        if (!open) {
            client.close();
            return;
        }
        closeClient(1001, "going away");
    }

    /** Nothing arrived within the pong deadline after Tack's ping: the peer is gone (counted as a timeout). */
    void peerGone(long waitedMillis) {
        ConnectionLog.debug(log, client, null).log("WebSocket {} closed: no answer to a ping within {} ms",
                client.remoteAddress(), waitedMillis);
        hold.metrics().connectionEnded(ClientTransport.WS, ConnectionFailure.TIMEOUT);
        client.close();
    }

    // ---- control messages (docs/compatibility.md "WebSocket control messages") ----

    private void control(String json) {
        WsControlResult result = WsControlCodec.parse(json);
        if (!(result instanceof WsControlResult.Parsed parsed)) {
            log.debug("ignoring control message: " + ((WsControlResult.Ignored) result).reason());
            return;
        }
        WsControlMessage message = parsed.value();
        if (message instanceof WsControlMessage.Subscribe subscribe) {
            if (subscribe.tooManyFilters()) {
                closeClient(1011, "too many filters");
                return;
            }
            if (subscriptions.size() < subscriptionMax) {
                subscribe(subscribe.channel(), subscribe.filters());
            } else {
                log.debug("too many subscriptions, ignoring channel " + subscribe.channel());
                hold.metrics().dropped(DropReason.SUBSCRIPTION_LIMIT, 1);
            }
        } else if (message instanceof WsControlMessage.Unsubscribe unsubscribe) {
            if (!implicitChannels.contains(unsubscribe.channel())) {
                subscriptions.remove(channelPrefix + unsubscribe.channel());
                channels.remove(channelPrefix + unsubscribe.channel());
            }
        } else if (message instanceof WsControlMessage.Detach) {
            link.detach();
        } else if (message instanceof WsControlMessage.KeepAlive ka) {
            timedSends.keepAlive(ka);
        } else if (message instanceof WsControlMessage.SendDelayed sendDelayed) {
            timedSends.sendDelayed(sendDelayed);
        } else if (message instanceof WsControlMessage.FlushDelayed) {
            timedSends.flushDelayed();
        } else if (message instanceof WsControlMessage.SetMeta setMeta) {
            channels.meta(setMeta.applyTo(channels.meta()));
        }
        // session ids feed Pushpin's stateful sessions, which need a state service no configuration names.
    }

    /**
     * Subscribes to {@code channel} (as the origin names it) with its filters; a repeat updates the filters. What
     * the client asked to get back from the channel's history follows (docs/history.md "WebSockets").
     */
    private void subscribe(String channel, List<String> filters) {
        channels.put(channelPrefix + channel, channel, null, filters);
        subscriptions.add(channelPrefix + channel);
        resume.start(List.of(channelPrefix + channel), nothingToWrite -> { });
    }

    // ---- client side ----

    /** A frame from the client (continuations already joined); ownership passes to the session. */
    void clientFrame(WebSocketFrame frame) {
        try {
            if (frame instanceof CloseWebSocketFrame) {
                if (!closing.clientClosed()) {
                    link.send(WsFrames.event(frame));
                }
                return;
            }
            WsEvent event = WsFrames.event(frame);
            if (event != null) {
                link.send(event);
            }
        } finally {
            frame.release();
        }
    }

    /** Sends a close frame to the client; the connection ends when the client answers (or soon after). */
    private void closeClient(int code, String reason) {
        if (closing.sent() || !open) {
            return;
        }
        outbox.offerAlways(WsFrames.close(code, reason));
        outbox.flush();
        closing.closeSent();
        // Read again (a slow origin may have paused the client) so that the client's answer can end the handshake.
        client.config().setAutoRead(true);
    }

    /**
     * Sends a frame of the origin's: never dropped; while it waits for a slow client the origin link is paused,
     * which bounds how many can wait (publishes, in contrast, are dropped past the outbox limit).
     */
    private void sendToClient(WebSocketFrame frame) {
        if (closing.sent() || outbox == null) {
            frame.release();
            return;
        }
        outbox.offerAlways(frame);
        outbox.flush();
        lastSendNanos = now();
        if (outbox.queued() > 0 && !originPaused) {
            originPaused = true;
            link.clientBusy(true);
        }
    }

    /** Sends a frame Tack makes itself (keep-alive, delayed send): dropped like a publish when the client lags. */
    private void sendOwn(WebSocketFrame frame) {
        if (closing.sent() || outbox == null) {
            frame.release();
            return;
        }
        outbox.offer(frame);
        outbox.flush();
        lastSendNanos = now();
    }

    void writabilityChanged() {
        if (outbox != null) {
            outbox.drain();
            if (originPaused && outbox.queued() == 0) {
                originPaused = false;
                link.clientBusy(false);
            }
        }
    }

    // ---- publishes ----

    @Override
    public boolean deliver(String channel, PreparedItem item) {
        if (!open || closing.sent()) {
            return false;
        }
        boolean wasClean = !outbox.unflushed();
        publishes.offer(channel, item);
        return wasClean && outbox.unflushed();
    }

    /** What this connection does with what its {@link PublishFlow} lets through (Pushpin's {@code wssession.cpp}). */
    private final class Items implements PublishFlow.Holder {

        @Override
        public Format format(PreparedItem item) {
            return item.wsMessage();
        }

        @Override
        public boolean ready() {
            return open && !closing.sent();
        }

        @Override
        public void outOfStep(String channel, PreparedItem item) {
            // WebSocket subscriptions track no prev-ids, so nothing is ever out of step.
        }

        @Override
        public byte[] content(PreparedItem item) {
            return item.wsMessage().content();
        }

        @Override
        public void act(String channel, PreparedItem item, byte[] content) {
            if (!ready()) {
                return;
            }
            WsMessageFormat format = item.wsMessage();
            switch (format.action()) {
                case SEND -> {
                    Object frame = content == null ? item.wsFrame().retainedDuplicate()
                            : WsFrames.message(format.type(), content);
                    if (outbox.offer(frame)) {
                        lastSendNanos = now();
                        hold.metrics().delivered(DeliveryFormat.WS_MESSAGE, 1);
                    }
                }
                case CLOSE -> {
                    outbox.offerAlways(item.wsFrame().retainedDuplicate());
                    closing.closeSent();
                    link.send(format.closeCode() == null ? WsEvent.closeWithoutCode() : WsEvent.close(
                            format.closeCode(), format.closeReason() == null ? "" : format.closeReason()));
                }
                case REFRESH -> link.refresh();
                default -> {
                }
            }
        }

        @Override
        public void failed(String error) {
            if (hold.request().debug()) {
                closeClient(1011, WsFrames.reason(error));
            }
        }

        @Override
        public void flush() {
            WsSession.this.flush();
        }
    }

    @Override
    public boolean refresh() {
        return open && !closing.sent() && link.refresh();
    }

    /** The WebSocket-over-HTTP {@code Connection-Id}, which {@code conncheck} and {@code refresh} address. */
    @Override
    public String connectionId() {
        return link == null ? null : link.connectionId();
    }

    @Override
    public void flush() {
        if (outbox != null) {
            outbox.flush();
        }
    }

    private void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        if (open) {
            hold.metrics().holdEnded(ClientTransport.WS);
        }
        subscriptions.clear();
        resume.close();
        publishes.clear();
        timedSends.stop();
        closing.stop();
        if (outbox != null) {
            outbox.clear();
        }
        link.clientGone();
    }
}
