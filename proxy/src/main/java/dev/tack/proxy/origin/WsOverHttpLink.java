package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventCodec;
import dev.tack.api.ws.WsEventFormatException;
import dev.tack.api.ws.WsEventType;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.Target;
import dev.tack.proxy.session.OriginLink;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A client WebSocket carried to the origin as WebSocket-over-HTTP (pushpin-spec §2.2–2.5, §2.9): every batch
 * of client events becomes one {@code POST}, with only one request in flight per connection, and the reply's
 * events come back to the session. For example the first request is
 * <pre>
 * POST /api/websocket?roomId=7 HTTP/1.1
 * Connection-Id: 0f6f1b7e-…
 * Content-Type: application/websocket-events
 * Accept: application/websocket-events
 * Sec-WebSocket-Extensions: grip
 * Grip-Sig: eyJ…
 *
 * OPEN\r\n
 * </pre>
 * A reply that breaks the protocol (wrong status or type after OPEN, bad framing, an incomplete body that
 * never ends) ends this one connection with a log line naming what was wrong; it never hangs.
 */
public final class WsOverHttpLink implements OriginLink, OriginHandler.Listener {

    private static final Logger log = Logger.getLogger(WsOverHttpLink.class.getName());

    static final int BUFFER_SIZE = 200_000;
    static final int RESPONSE_BODY_MAX = 1_000_000;
    static final int REJECT_BODY_MAX = 100_000;
    static final int RETRY_MAX = 5;

    private final WsClientRequest request;
    private final ProxyEnvironment env;
    private final EventLoop loop;
    private final Route route;
    private final Listener listener;
    private final String connectionId = UUID.randomUUID().toString();
    private final ArrayDeque<WsEvent> pending = new ArrayDeque<>();
    private final Map<String, String> meta = new LinkedHashMap<>();
    private int pendingBytes;
    private boolean busyReported;
    private int targetIndex;
    private int retries;
    private boolean inFlight;
    private boolean refreshWanted;
    private boolean opened;
    private boolean detached;
    private boolean finished;
    private boolean clientBusy;
    private boolean originReused;
    private WsEvent clientClose;
    private int keepAliveIntervalSeconds;
    private ScheduledFuture<?> pollTimer;
    private ScheduledFuture<?> responseTimer;
    private List<WsEvent> inFlightEvents = List.of();
    private Channel origin;
    private HttpResponse response;
    private CompositeByteBuf body;

    public WsOverHttpLink(WsClientRequest request, Listener listener) {
        this.request = request;
        this.env = request.env();
        this.loop = request.client().eventLoop();
        this.route = request.route();
        this.listener = listener;
    }

    @Override
    public void open() {
        pending.add(WsEvent.open());
        sendNext();
    }

    @Override
    public void send(WsEvent event) {
        if (finished || detached) {
            if (event.type() == WsEventType.CLOSE) {
                // Nobody at the origin will answer: complete the client's close handshake here.
                listener.originEvent(event);
            }
            return;
        }
        if (event.type() == WsEventType.CLOSE) {
            clientClose = event;
        }
        pending.add(event);
        pendingBytes += event.content() == null ? 0 : event.content().length;
        if (pendingBytes > BUFFER_SIZE && !busyReported) {
            busyReported = true;
            listener.originBusy(true);
        }
        sendNext();
    }

    @Override
    public void refresh() {
        if (inFlight) {
            refreshWanted = true;
        } else if (opened && !finished) {
            dispatch(List.of());
        }
    }

    @Override
    public void detach() {
        if (finished || detached) {
            return;
        }
        pending.add(WsEvent.closeWithoutCode());
        detached = true;
        sendNext();
    }

    @Override
    public void clientGone() {
        if (finished) {
            return;
        }
        boolean wasOpen = opened && clientClose == null && !detached;
        finished = true;
        cancelTimers();
        abandonOrigin();
        pending.clear();
        if (wasOpen) {
            // Best effort, in the background, as Pushpin's DisconnectManager does.
            Target target = route.targets().get(targetIndex);
            env.originClient().acquire(loop, target.host(), target.port(), target.ssl(), target.insecure())
                    .addListener((Future<Channel> f) -> {
                        if (f.isSuccess()) {
                            Channel channel = f.getNow();
                            channel.writeAndFlush(request(List.of(WsEvent.disconnect())))
                                    .addListener(w -> channel.close());
                        }
                    });
        }
    }

    @Override
    public void clientBusy(boolean busy) {
        clientBusy = busy;
        if (!busy && !finished) {
            sendNext();
            if (!inFlight && pollTimer == null && keepAliveIntervalSeconds > 0) {
                pollTimer = loop.schedule(this::poll, keepAliveIntervalSeconds, TimeUnit.SECONDS);
            }
        }
    }

    private void sendNext() {
        if (inFlight || finished || clientBusy || pending.isEmpty()
                || !opened && pending.peek().type() != WsEventType.OPEN) {
            return;
        }
        List<WsEvent> events = new ArrayList<>();
        boolean oneEvent = route.targets().get(targetIndex).oneEvent();
        while (!pending.isEmpty() && (!oneEvent || events.isEmpty())) {
            WsEvent event = pending.poll();
            pendingBytes -= event.content() == null ? 0 : event.content().length;
            events.add(event);
            if (event.type() == WsEventType.OPEN) {
                break;
            }
        }
        dispatch(events);
    }

    private void dispatch(List<WsEvent> events) {
        inFlight = true;
        inFlightEvents = events;
        if (pollTimer != null) {
            pollTimer.cancel(false);
            pollTimer = null;
        }
        Target target = route.targets().get(targetIndex);
        env.originClient().acquire(loop, target.host(), target.port(), target.ssl(), target.insecure())
                .addListener((Future<Channel> f) -> connected(f, events));
    }

    private void connected(Future<Channel> acquired, List<WsEvent> events) {
        if (finished) {
            if (acquired.isSuccess()) {
                acquired.getNow().close();
            }
            return;
        }
        if (!acquired.isSuccess()) {
            connectFailed(acquired.cause(), events);
            return;
        }
        origin = acquired.getNow();
        originReused = Boolean.TRUE.equals(origin.attr(Pooled.KEY).getAndSet(Boolean.TRUE));
        origin.pipeline().get(OriginHandler.class).attach(this);
        origin.writeAndFlush(request(events));
        long timeout = env.timings().replyMillis();
        responseTimer = loop.schedule(() -> fail("origin did not complete its reply within " + timeout + " ms"
                + progress()), timeout, TimeUnit.MILLISECONDS);
    }

    private String progress() {
        if (response == null) {
            return " (no response head)";
        }
        String declared = response.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        return " (status " + response.status().code() + (declared == null ? "" : ", Content-Length " + declared)
                + ", " + (body == null ? 0 : body.readableBytes()) + " body bytes received)";
    }

    /** Connect failures never reached the origin, so they are safe to retry (pushpin-spec §2.9). */
    private void connectFailed(Throwable cause, List<WsEvent> events) {
        Target target = route.targets().get(targetIndex);
        String what = target.host() + ":" + target.port() + ": " + cause.getMessage();
        if (!opened) {
            if (++targetIndex < route.targets().size()) {
                dispatch(events);
                return;
            }
            inFlight = false;
            finished = true;
            env.metrics().originError();
            listener.originFailed("cannot connect to any origin for WebSocket " + connectionId + " (" + what + ")");
            return;
        }
        if (retries >= RETRY_MAX) {
            fail("origin unreachable after " + RETRY_MAX + " retries (" + what + ")");
            return;
        }
        long base = env.timings().retryBaseMillis();
        long delay = base * (1L << retries++) + ThreadLocalRandom.current().nextLong(Math.max(base, 1));
        log.info("WebSocket " + connectionId + ": " + what + "; retrying in " + delay + " ms");
        loop.schedule(() -> {
            if (!finished) {
                dispatch(events);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private FullHttpRequest request(List<WsEvent> events) {
        return WsOverHttpWire.request(request.originRequest(), !route.noGrip(), connectionId, meta, events);
    }

    @Override
    public void originRead(Object msg) {
        try {
            if (finished || origin == null) {
                return;
            }
            if (msg instanceof HttpResponse head) {
                if (head.decoderResult().isFailure()) {
                    fail("malformed reply from origin: " + head.decoderResult().cause().getMessage());
                    return;
                }
                response = head;
                body = origin.alloc().compositeBuffer();
            }
            if (msg instanceof HttpContent content) {
                if (content.decoderResult().isFailure()) {
                    fail("malformed reply body from origin: " + content.decoderResult().cause().getMessage());
                    return;
                }
                if (body.readableBytes() + content.content().readableBytes() > RESPONSE_BODY_MAX) {
                    fail("origin reply body over " + RESPONSE_BODY_MAX + " bytes");
                    return;
                }
                body.addComponent(true, content.content().retain());
                if (content instanceof LastHttpContent) {
                    replyComplete();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void replyComplete() {
        cancelResponseTimer();
        HttpResponse head = response;
        byte[] content = ByteBufUtil.getBytes(body);
        body.release();
        body = null;
        response = null;
        Channel done = origin;
        origin = null;
        done.pipeline().get(OriginHandler.class).detach();
        Target target = route.targets().get(targetIndex);
        if (HttpUtil.isKeepAlive(head)) {
            env.originClient().release(done, target.host(), target.port(), target.ssl());
        } else {
            done.close();
        }
        inFlight = false;
        retries = 0;
        handleReply(head, content);
        if (busyReported && pendingBytes <= BUFFER_SIZE / 2 && !finished) {
            busyReported = false;
            listener.originBusy(false);
        }
        if (finished) {
            return;
        }
        if (refreshWanted && pending.isEmpty()) {
            refreshWanted = false;
            dispatch(List.of());
            return;
        }
        sendNext();
        if (!inFlight && keepAliveIntervalSeconds > 0) {
            pollTimer = loop.schedule(this::poll, keepAliveIntervalSeconds, TimeUnit.SECONDS);
        }
    }

    private void poll() {
        pollTimer = null;
        if (finished || inFlight || clientBusy) {
            return;
        }
        if (!opened) {
            pending.addFirst(WsEvent.open());
            sendNext();
        } else {
            dispatch(List.of());
        }
    }

    private void handleReply(HttpResponse head, byte[] content) {
        int status = head.status().code();
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        List<Header> headers = ProxyExchange.headersOf(head);
        if (status != 200 || !WsOverHttpWire.EVENTS_TYPE.equals(type)) {
            if (!opened) {
                finished = true;
                listener.rejected(status, head.status().reasonPhrase(), headers,
                        content.length > REJECT_BODY_MAX ? Arrays.copyOf(content, REJECT_BODY_MAX) : content);
            } else {
                fail("origin answered " + status + " with Content-Type " + type + " (expected: 200 " + WsOverHttpWire.EVENTS_TYPE + ")");
            }
            return;
        }
        WsOverHttpWire.applySetMeta(head.headers(), meta);
        keepAliveIntervalSeconds = WsOverHttpWire.keepAliveInterval(head.headers(), keepAliveIntervalSeconds);
        List<WsEvent> events;
        try {
            events = WsEventCodec.decode(content);
        } catch (WsEventFormatException e) {
            fail("malformed WebSocket-over-HTTP reply: " + e.getMessage());
            return;
        }
        int next = 0;
        if (!opened) {
            if (events.isEmpty()) {
                if (keepAliveIntervalSeconds == 0) {
                    fail("the first reply has no OPEN and no Keep-Alive-Interval");
                }
                return;
            }
            if (events.get(0).type() != WsEventType.OPEN) {
                fail("the first reply starts with " + events.get(0).type() + " (expected: OPEN)");
                return;
            }
            opened = true;
            listener.accepted(headers, WsOverHttpWire.gripPrefix(head.headers()));
            next = 1;
        }
        boolean originClosed = false;
        if (!detached) {
            for (WsEvent event : events.subList(next, events.size())) {
                if (finished) {
                    return;
                }
                if (event.type() == WsEventType.OPEN) {
                    fail("origin sent OPEN on an open connection");
                    return;
                }
                listener.originEvent(event);
                if (event.type() == WsEventType.CLOSE || event.type() == WsEventType.DISCONNECT) {
                    originClosed = true;
                    break;
                }
            }
        }
        if (detached && pending.isEmpty()) {
            finished = true;
            cancelTimers();
        } else if (originClosed) {
            finished = true;
            cancelTimers();
        } else if (clientClose != null && pending.isEmpty() && keepAliveIntervalSeconds == 0) {
            // The client closed and the origin did not answer CLOSE: finish the client's handshake ourselves.
            finished = true;
            cancelTimers();
            listener.originEvent(clientClose);
        }
    }

    private void fail(String reason) {
        if (finished) {
            return;
        }
        finished = true;
        env.metrics().originError();
        cancelTimers();
        abandonOrigin();
        log.warning("WebSocket " + connectionId + " to " + route.targets().get(targetIndex).host() + ":"
                + route.targets().get(targetIndex).port() + " " + request.handshake().uri() + ": " + reason);
        listener.originFailed(reason);
    }

    @Override
    public void originInactive() {
        origin = null;
        if (finished) {
            return;
        }
        if (originReused && response == null) {
            // A pooled connection the origin had already closed (its keep-alive timeout raced our request): the
            // origin never saw the request, so it goes again on a fresh connection (pushpin-spec §2.9).
            originReused = false;
            cancelResponseTimer();
            dispatch(inFlightEvents);
            return;
        }
        fail("origin closed the connection before completing its reply" + progress());
    }

    @Override
    public void originFailed(Throwable cause) {
        fail("origin connection failed: " + cause);
    }

    @Override
    public void originWritabilityChanged() {
    }

    private void abandonOrigin() {
        OriginHandler.abandon(origin);
        origin = null;
        if (body != null) {
            body.release();
            body = null;
        }
        response = null;
    }

    private void cancelResponseTimer() {
        if (responseTimer != null) {
            responseTimer.cancel(false);
            responseTimer = null;
        }
    }

    private void cancelTimers() {
        cancelResponseTimer();
        if (pollTimer != null) {
            pollTimer.cancel(false);
            pollTimer = null;
        }
    }
}
