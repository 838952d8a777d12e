package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.api.ws.WsControlMessage;
import dev.tack.api.ws.WsControlCodec;
import dev.tack.api.ws.WsControlResult;
import dev.tack.api.ws.WsEvent;
import dev.tack.proxy.delivery.Outbox;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.subscription.Subscriber;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A client WebSocket held at Tack (pushpin-spec §2): client messages go to the origin through an {@link
 * OriginLink}; the origin's messages come back, and with the GRIP extension on they carry a prefix
 * ({@code m:} by default) or are control messages ({@code c:}, §2.7) that subscribe the connection to
 * channels. Published {@code ws-message}s arrive as a {@link Subscriber}, one frame encoded for all.
 *
 * <p>A WebSocket-over-HTTP reply that turns GRIP on and subscribes looks like:
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: application/websocket-events
 * Sec-WebSocket-Extensions: grip
 *
 * OPEN\r\n
 * TEXT 2f\r\n
 * c:{"type":"subscribe","channel":"room-42"}\r\n
 * </pre>
 */
public final class WsSession implements Subscriber, OriginLink.Listener {

    private static final Logger log = Logger.getLogger(WsSession.class.getName());

    /** What the session needs from the handshake stage that runs before {@code 101}. */
    public interface Handshake {
        /** Sends {@code 101} with {@code headers} and switches the pipeline to WebSocket frames. */
        ChannelHandlerContext complete(List<Header> headers);

        /** Sends the origin's refusal instead of {@code 101} and closes. */
        void reject(int status, String reason, List<Header> headers, byte[] body);
    }

    private final ChannelHandlerContext client;
    private final Handshake handshake;
    private final HoldContext hold;
    private final int subscriptionMax;
    private final String channelPrefix;
    private final List<String> implicitChannels;
    private final Subscriptions subscriptions;
    private final Map<String, String> meta = new HashMap<>();
    private OriginLink link;
    private Outbox outbox;
    private String gripPrefix;
    private boolean open;
    private boolean closeSent;
    private boolean clientCloseReceived;
    private boolean originPaused;
    private boolean closed;
    private final WsTimedSends timedSends;
    private long lastSendNanos;

    /**
     * @param hold the connection's shard, metrics and outbox size ({@code codec} is set once upgraded)
     * @param implicitChannels the route target's {@code sub=} channels, subscribed once accepted
     */
    public WsSession(ChannelHandlerContext client, Handshake handshake, HoldContext hold, int subscriptionMax,
            String channelPrefix, List<String> implicitChannels) {
        this.client = client;
        this.handshake = handshake;
        this.hold = hold;
        this.subscriptionMax = subscriptionMax;
        this.channelPrefix = channelPrefix == null ? "" : channelPrefix;
        this.implicitChannels = implicitChannels;
        this.subscriptions = new Subscriptions(hold.shard(), this);
        this.timedSends = new WsTimedSends(client.executor(), this::sendOwn, () -> lastSendNanos);
    }

    /** Starts the session with its origin link; the client gets {@code 101} once the origin accepts. */
    public void start(OriginLink originLink) {
        this.link = originLink;
        client.channel().closeFuture().addListener(f -> cleanUp());
        // Opened from a task of its own: an origin that accepts at once (the test target) then swaps the
        // pipeline after the HTTP codec has finished with the request, never in the middle of decoding it.
        client.executor().execute(() -> {
            if (!closed) {
                link.open();
            }
        });
    }

    // ---- origin side ----

    @Override
    public void accepted(List<Header> headers, String gripPrefix) {
        if (closed) {
            return;
        }
        this.gripPrefix = gripPrefix;
        ChannelHandlerContext encoder = handshake.complete(headers);
        outbox = new Outbox(encoder, hold.outboxMax(), hold.metrics()::messagesDropped);
        open = true;
        hold.metrics().webSockets().incrementAndGet();
        for (String channel : implicitChannels) {
            subscriptions.add(channelPrefix + channel);
        }
        lastSendNanos = System.nanoTime();
    }

    @Override
    public void rejected(int status, String reason, List<Header> headers, byte[] body) {
        if (!closed) {
            handshake.reject(status, reason, headers, body);
        }
    }

    @Override
    public void originEvent(WsEvent event) {
        if (closed || !open) {
            return;
        }
        switch (event.type()) {
            case TEXT -> originText(event);
            case BINARY -> originBinary(event.content() == null ? new byte[0] : event.content());
            case PING -> sendToClient(new PingWebSocketFrame(WsTimedSends.wrap(event.content())));
            case PONG -> sendToClient(new PongWebSocketFrame(WsTimedSends.wrap(event.content())));
            case CLOSE -> closeClient(event.closeCode() <= 0 ? null : event.closeCode(), event.closeReason());
            case DISCONNECT -> {
                log.fine("origin disconnected " + client.channel().remoteAddress());
                client.channel().close();
            }
            case OPEN -> originFailed("origin sent OPEN on an open connection");
        }
    }

    private void originText(WsEvent event) {
        String text = event.text();
        if (gripPrefix == null) {
            sendToClient(new TextWebSocketFrame(text));
        } else if (text.startsWith("c:")) {
            control(text.substring(2));
        } else if (text.startsWith(gripPrefix)) {
            sendToClient(new TextWebSocketFrame(text.substring(gripPrefix.length())));
        } else {
            log.fine("dropping unprefixed message from origin");
        }
    }

    private void originBinary(byte[] content) {
        if (gripPrefix == null) {
            sendToClient(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(content)));
            return;
        }
        byte[] prefix = gripPrefix.getBytes(StandardCharsets.UTF_8);
        if (content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length)) {
            sendToClient(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(content, prefix.length,
                    content.length - prefix.length)));
        } else {
            log.fine("dropping unprefixed binary message from origin");
        }
    }

    @Override
    public void originFailed(String reason) {
        if (closed) {
            return;
        }
        log.warning("WebSocket " + client.channel().remoteAddress() + " closed: " + reason);
        if (!open) {
            handshake.reject(502, "Bad Gateway", List.of(new Header("Content-Type", "text/plain")),
                    "Error while proxying to origin.\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        closeClient(1011, "origin error");
        client.channel().close();
    }

    @Override
    public void originBusy(boolean busy) {
        client.channel().config().setAutoRead(!busy);
    }

    // ---- control messages (pushpin-spec §2.7) ----

    private void control(String json) {
        WsControlResult result = WsControlCodec.parse(json);
        if (!(result instanceof WsControlResult.Parsed parsed)) {
            log.fine("ignoring control message: " + ((WsControlResult.Ignored) result).reason());
            return;
        }
        WsControlMessage message = parsed.value();
        if (message instanceof WsControlMessage.Subscribe subscribe) {
            if (subscribe.tooManyFilters()) {
                closeClient(1011, "too many filters");
                return;
            }
            if (subscriptions.size() < subscriptionMax) {
                subscriptions.add(channelPrefix + subscribe.channel());
            } else {
                log.fine("too many subscriptions, ignoring channel " + subscribe.channel());
            }
        } else if (message instanceof WsControlMessage.Unsubscribe unsubscribe) {
            if (!implicitChannels.contains(unsubscribe.channel())) {
                subscriptions.remove(channelPrefix + unsubscribe.channel());
            }
        } else if (message instanceof WsControlMessage.Detach) {
            link.detach();
        } else if (message instanceof WsControlMessage.SetMeta setMeta) {
            if (setMeta.value() == null) {
                meta.remove(setMeta.name());
            } else {
                meta.put(setMeta.name(), setMeta.value());
            }
        } else if (message instanceof WsControlMessage.KeepAlive ka) {
            timedSends.keepAlive(ka);
        } else if (message instanceof WsControlMessage.SendDelayed sendDelayed) {
            timedSends.sendDelayed(sendDelayed);
        } else if (message instanceof WsControlMessage.FlushDelayed) {
            timedSends.flushDelayed();
        }
        // Session ids only matter to Pushpin's stateful session feature, which Tack does not have.
    }

    // ---- client side ----

    /** A frame from the client (continuations already joined); ownership passes to the session. */
    public void clientFrame(WebSocketFrame frame) {
        try {
            if (frame instanceof TextWebSocketFrame text) {
                link.send(WsEvent.text(text.text()));
            } else if (frame instanceof BinaryWebSocketFrame) {
                link.send(WsEvent.binary(ByteBufUtil.getBytes(frame.content())));
            } else if (frame instanceof PingWebSocketFrame) {
                link.send(WsEvent.ping(ByteBufUtil.getBytes(frame.content())));
            } else if (frame instanceof PongWebSocketFrame) {
                link.send(WsEvent.pong(ByteBufUtil.getBytes(frame.content())));
            } else if (frame instanceof CloseWebSocketFrame close) {
                clientClose(close);
            }
        } finally {
            frame.release();
        }
    }

    private void clientClose(CloseWebSocketFrame close) {
        int code = close.statusCode();
        clientCloseReceived = true;
        if (closeSent) {
            // Our close was answered: the handshake is complete (RFC 6455 §5.5.1).
            client.channel().close();
            return;
        }
        link.send(code < 0 ? WsEvent.closeWithoutCode() : WsEvent.close(code, close.reasonText()));
    }

    /** Sends a close frame to the client; the connection ends when the client answers (or soon after). */
    private void closeClient(Integer code, String reason) {
        if (closeSent || !open) {
            return;
        }
        closeSent = true;
        CloseWebSocketFrame frame = code == null ? new CloseWebSocketFrame()
                : new CloseWebSocketFrame(code, reason == null ? "" : reason);
        outbox.offerAlways(frame);
        outbox.flush();
        if (clientCloseReceived) {
            // The client started the close and this answers it: the handshake is complete.
            client.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            client.executor().schedule(() -> client.channel().close(), 5, TimeUnit.SECONDS);
        }
    }

    /**
     * Sends a frame of the origin's: never dropped; while it waits for a slow client the origin link is paused,
     * which bounds how many can wait (publishes, in contrast, are dropped past the outbox limit).
     */
    private void sendToClient(WebSocketFrame frame) {
        if (closeSent || outbox == null) {
            frame.release();
            return;
        }
        outbox.offerAlways(frame);
        outbox.flush();
        lastSendNanos = System.nanoTime();
        if (outbox.queued() > 0 && !originPaused) {
            originPaused = true;
            link.clientBusy(true);
        }
    }

    /** Sends a frame Tack makes itself (keep-alive, delayed send): dropped like a publish when the client lags. */
    private void sendOwn(WebSocketFrame frame) {
        if (closeSent || outbox == null) {
            frame.release();
            return;
        }
        outbox.offer(frame);
        outbox.flush();
        lastSendNanos = System.nanoTime();
    }

    public void writabilityChanged() {
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
        WsMessageFormat format = item.wsMessage();
        if (format == null || !open || closeSent) {
            return false;
        }
        boolean wasClean = !outbox.unflushed();
        switch (format.action()) {
            case SEND -> {
                if (outbox.offer(item.wsFrame().retainedDuplicate())) {
                    lastSendNanos = System.nanoTime();
                }
                return wasClean && outbox.unflushed();
            }
            case CLOSE -> {
                closeSent = true;
                outbox.offerAlways(item.wsFrame().retainedDuplicate());
                link.send(format.closeCode() == null ? WsEvent.closeWithoutCode()
                        : WsEvent.close(format.closeCode(), format.closeReason() == null ? "" : format.closeReason()));
                client.executor().schedule(() -> client.channel().close(), 5, TimeUnit.SECONDS);
                return wasClean;
            }
            case REFRESH -> {
                link.refresh();
                return false;
            }
            default -> {
                return false;
            }
        }
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
            hold.metrics().webSockets().decrementAndGet();
        }
        subscriptions.clear();
        timedSends.stop();
        if (outbox != null) {
            outbox.clear();
        }
        link.clientGone();
    }
}
