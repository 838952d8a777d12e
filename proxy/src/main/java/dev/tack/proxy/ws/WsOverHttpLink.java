package dev.tack.proxy.ws;

import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventCodec;
import dev.tack.api.ws.WsEventFormatException;
import dev.tack.api.ws.WsEventType;
import dev.tack.proxy.metrics.OriginKind;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.origin.Origin;
import dev.tack.proxy.origin.OriginException;
import dev.tack.proxy.origin.OriginFailure;
import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.origin.OriginResponse;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.Target;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client WebSocket carried to the origin as WebSocket-over-HTTP (docs/compatibility.md "WebSocket-over-HTTP",
 * Pushpin's {@code websocketoverhttp.cpp}): every batch of client events becomes one {@code POST} through {@link
 * Origin#fetch}, with only one request in flight per connection, and the reply's events come back to the session.
 * The first request carries {@code OPEN} alone and may fail over to the route's next target; once the origin
 * accepted, every request goes to that target and an unreachable origin is retried with backoff. Events wait in a
 * {@link WsOverHttpQueue} meanwhile. A reply that breaks the protocol (wrong status or type after {@code OPEN},
 * bad framing, a body that never ends) ends this one connection with a log line naming what was wrong.
 *
 * <p>A little longer than most classes: the request in flight, the retry schedule and the queue share one state;
 * the queue ({@link WsOverHttpQueue}) and the wire format ({@link WsOverHttpWire}) stand apart.
 */
final class WsOverHttpLink implements OriginLink {

    private static final Logger log = LoggerFactory.getLogger(WsOverHttpLink.class);

    static final int REJECT_BODY_MAX = 100_000;
    static final int RETRY_MAX = 5;

    /** Where the link is with the origin. */
    private enum Phase {
        /** {@code OPEN} sent (or to be sent again after {@code Keep-Alive-Interval}), not accepted yet. */
        OPENING,
        OPEN,
        /** {@code c:detach}: the origin side is closing or closed, the client stays. */
        DETACHED,
        CLOSED
    }

    private final Origin origin;
    private final TackMetrics metrics;
    private final EventLoop loop;
    private final Route route;
    private final String uri;
    private final Listener listener;
    private final OriginRequest base;
    private final String connectionId = UUID.randomUUID().toString();
    private final WsOverHttpQueue queue = new WsOverHttpQueue();
    private final Map<String, String> meta = new LinkedHashMap<>();
    private Phase phase = Phase.OPENING;
    /** The target that answered; every later request goes there. */
    private Target target;
    private Future<OriginResponse> inFlight;
    private boolean refreshWanted;
    private boolean busyReported;
    private boolean clientBusy;
    private WsEvent clientClose;
    private int keepAliveIntervalSeconds;
    private Future<?> pollTimer;

    WsOverHttpLink(WsClientRequest request, Listener listener) {
        this.origin = request.env().origin();
        this.metrics = request.env().metrics();
        this.loop = request.client().eventLoop();
        this.route = request.route();
        this.uri = request.handshake().uri();
        this.listener = listener;
        this.base = request.originRequest(policy(0));
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public void open() {
        queue.add(WsEvent.open());
        sendNext();
    }

    @Override
    public void send(WsEvent event) {
        if (phase == Phase.DETACHED || phase == Phase.CLOSED) {
            if (event.type() == WsEventType.CLOSE) {
                // Nobody at the origin will answer: complete the client's close handshake here.
                listener.originEvent(event);
            }
            return;
        }
        if (event.type() == WsEventType.CLOSE) {
            clientClose = event;
        }
        if (!queue.add(event)) {
            boolean wasOpen = phase == Phase.OPEN;
            close();
            if (wasOpen) {
                disconnectInBackground();
            }
            listener.clientOverflow("more than " + WsOverHttpQueue.MAX_BYTES + " bytes of messages waiting for the origin");
            return;
        }
        if (queue.full() && !busyReported) {
            busyReported = true;
            listener.originBusy(true);
        }
        sendNext();
    }

    @Override
    public boolean refresh() {
        if (phase == Phase.DETACHED || phase == Phase.CLOSED) {
            return false;
        }
        if (inFlight != null) {
            refreshWanted = true;
        } else if (phase == Phase.OPEN) {
            dispatch(List.of());
        }
        return true;
    }

    @Override
    public void detach() {
        if (phase != Phase.OPEN) {
            return;
        }
        queue.add(WsEvent.closeWithoutCode());
        phase = Phase.DETACHED;
        sendNext();
    }

    @Override
    public void clientGone() {
        if (phase == Phase.CLOSED) {
            return;
        }
        boolean wasOpen = phase == Phase.OPEN && clientClose == null;
        close();
        if (wasOpen) {
            disconnectInBackground();
        }
    }

    @Override
    public void clientBusy(boolean busy) {
        clientBusy = busy;
        if (!busy && phase != Phase.CLOSED) {
            sendNext();
            if (inFlight == null && pollTimer == null && keepAliveIntervalSeconds > 0) {
                schedulePoll();
            }
        }
    }

    /** The first request fails over to the next target instead; later ones are retried with backoff. */
    private OriginRequest.Policy policy(int retries) {
        return OriginRequest.Policy.webSocketOverHttp(origin.timings(), retries);
    }

    /** Best effort and tried once, as Pushpin's {@code DisconnectManager} does: the answer does not matter. */
    private void disconnectInBackground() {
        origin.fetch(loop, request(List.of(WsEvent.disconnect()), 0));
    }

    private void sendNext() {
        if (inFlight != null || phase == Phase.CLOSED || clientBusy || queue.isEmpty()
                || phase == Phase.OPENING && queue.peek().type() != WsEventType.OPEN) {
            return;
        }
        boolean oneEvent = (target != null ? target : route.targets().get(0)).oneEvent();
        dispatch(queue.take(oneEvent));
    }

    private OriginRequest request(List<WsEvent> events, int retries) {
        OriginRequest request = WsOverHttpWire.request(base, !route.noGrip(), connectionId, meta, events,
                policy(retries));
        return target == null ? request : request.withTargets(List.of(target));
    }

    private void dispatch(List<WsEvent> events) {
        cancelPoll();
        Future<OriginResponse> call = origin.fetch(loop, request(events, phase == Phase.OPENING ? 0 : RETRY_MAX));
        inFlight = call;
        call.addListener(f -> replied(call));
    }

    private void replied(Future<OriginResponse> call) {
        if (call != inFlight) {
            return;
        }
        inFlight = null;
        if (phase == Phase.CLOSED) {
            return;
        }
        if (!call.isSuccess()) {
            OriginFailure failure = call.cause() instanceof OriginException e ? e.failure()
                    : new OriginFailure(OriginFailure.Kind.CLOSED, String.valueOf(call.cause()), List.of());
            if (phase == Phase.OPENING && failure.kind() == OriginFailure.Kind.UNREACHABLE) {
                close();
                listener.originFailed("cannot connect to any origin for WebSocket " + connectionId + " ("
                        + failure.describe() + ")");
            } else {
                fail(failure.describe(), false);
            }
            return;
        }
        OriginResponse reply = call.getNow();
        target = reply.target();
        handleReply(reply);
        if (busyReported && queue.drained() && phase != Phase.CLOSED) {
            busyReported = false;
            listener.originBusy(false);
        }
        if (phase == Phase.CLOSED) {
            return;
        }
        if (refreshWanted && queue.isEmpty()) {
            refreshWanted = false;
            dispatch(List.of());
            return;
        }
        sendNext();
        if (inFlight == null && keepAliveIntervalSeconds > 0) {
            schedulePoll();
        }
    }

    private void handleReply(OriginResponse reply) {
        int status = reply.status();
        String type = reply.header("Content-Type");
        if (status != 200 || !WsOverHttpWire.EVENTS_TYPE.equals(type)) {
            if (phase == Phase.OPENING) {
                close();
                byte[] body = reply.body();
                listener.rejected(status, reply.reason(), reply.headers(),
                        body.length > REJECT_BODY_MAX ? Arrays.copyOf(body, REJECT_BODY_MAX) : body);
            } else {
                fail("origin answered " + status + " with Content-Type " + type + " (expected: 200 "
                        + WsOverHttpWire.EVENTS_TYPE + ")", true);
            }
            return;
        }
        WsOverHttpWire.applySetMeta(reply.headers(), meta);
        keepAliveIntervalSeconds = WsOverHttpWire.keepAliveInterval(reply.headers(), keepAliveIntervalSeconds);
        List<WsEvent> events;
        try {
            events = WsEventCodec.decode(reply.body());
        } catch (WsEventFormatException e) {
            fail("malformed WebSocket-over-HTTP reply: " + e.getMessage(), true);
            return;
        }
        int next = 0;
        if (phase == Phase.OPENING) {
            if (events.isEmpty()) {
                if (keepAliveIntervalSeconds == 0) {
                    fail("the first reply has no OPEN and no Keep-Alive-Interval", true);
                }
                return;
            }
            if (events.get(0).type() != WsEventType.OPEN) {
                fail("the first reply starts with " + events.get(0).type() + " (expected: OPEN)", true);
                return;
            }
            phase = Phase.OPEN;
            listener.accepted(reply.headers(), WsOverHttpWire.gripPrefix(reply.headers()));
            next = 1;
        }
        boolean originClosed = false;
        if (phase == Phase.OPEN) {
            for (WsEvent event : events.subList(next, events.size())) {
                if (phase == Phase.CLOSED) {
                    return;
                }
                if (event.type() == WsEventType.OPEN) {
                    fail("origin sent OPEN on an open connection", true);
                    return;
                }
                listener.originEvent(event);
                if (event.type() == WsEventType.CLOSE || event.type() == WsEventType.DISCONNECT) {
                    originClosed = true;
                    break;
                }
            }
        }
        if (phase == Phase.DETACHED && queue.isEmpty() || originClosed) {
            close();
        } else if (clientClose != null && queue.isEmpty() && keepAliveIntervalSeconds == 0 && phase != Phase.CLOSED) {
            // The client closed and the origin did not answer CLOSE: finish the client's handshake ourselves.
            close();
            listener.originEvent(clientClose);
        }
    }

    private void schedulePoll() {
        pollTimer = origin.time().schedule(loop, this::poll, keepAliveIntervalSeconds, TimeUnit.SECONDS);
    }

    private void poll() {
        pollTimer = null;
        if (phase == Phase.CLOSED || inFlight != null || clientBusy) {
            return;
        }
        if (phase == Phase.OPENING) {
            queue.addFirst(WsEvent.open());
            sendNext();
        } else {
            dispatch(List.of());
        }
    }

    /**
     * @param protocol the reply's content broke the protocol (counted here as an origin error), rather than the
     *     call failing (which the call counted already)
     */
    private void fail(String reason, boolean protocol) {
        if (phase == Phase.CLOSED) {
            return;
        }
        close();
        if (protocol) {
            metrics.originError(route.id(), OriginKind.WOH, dev.tack.proxy.metrics.OriginFailure.BAD_GRIP);
        }
        // At debug: one origin outage fails every WebSocket on the route, and the metrics count each failure.
        log.debug("WebSocket " + connectionId + " to " + (target != null ? target : route.targets()) + " " + uri
                + " route=" + route.id() + ": " + reason);
        listener.originFailed(reason);
    }

    /** Nothing more goes to the origin: timers stop, a request in flight is abandoned, waiting events dropped. */
    private void close() {
        phase = Phase.CLOSED;
        cancelPoll();
        if (inFlight != null) {
            Future<OriginResponse> abandoned = inFlight;
            inFlight = null;
            abandoned.cancel(false);
        }
        queue.clear();
    }

    private void cancelPoll() {
        if (pollTimer != null) {
            pollTimer.cancel(false);
            pollTimer = null;
        }
    }
}
