package dev.tack.proxy.ws;

import dev.tack.api.Header;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventType;
import dev.tack.proxy.metrics.OriginKind;
import dev.tack.proxy.origin.OriginCall;
import dev.tack.proxy.origin.OriginCallHandler;
import dev.tack.proxy.origin.OriginFailure;
import dev.tack.proxy.origin.OriginPipeline;
import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.origin.OriginResponse;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.Target;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client WebSocket relayed to a WebSocket at the origin (routes without {@code over_http}, docs/compatibility.md
 * "WebSockets"): the handshake is one {@link OriginCall} (pooled connection, failover, TLS, timers like every
 * origin call) offering {@code Sec-WebSocket-Extensions: grip}; once the origin answers {@code 101} the connection
 * is this link's and frames go both ways through {@link WsFrames}. When the origin's answer accepts the {@code grip}
 * extension, the session applies the same {@code m:}/{@code c:} rules as for WebSocket-over-HTTP.
 */
final class WsPassthroughLink implements OriginLink, OriginCallHandler {

    private static final Logger log = LoggerFactory.getLogger(WsPassthroughLink.class);
    /** The handshake headers Netty's handshaker writes itself. */
    private static final Set<String> HANDSHAKE_HEADERS = Set.of("upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol", "content-length");
    /** The largest message an origin may send. */
    static final int MAX_MESSAGE = 1 << 24;

    private enum Phase { CONNECTING, OPEN, DETACHED, CLOSED }

    private final WsClientRequest request;
    private final Route route;
    private final Listener listener;
    private Phase phase = Phase.CONNECTING;
    private OriginCall call;
    private Handshaker handshaker;
    private Channel connection;

    WsPassthroughLink(WsClientRequest request, Listener listener) {
        this.request = request;
        this.route = request.route();
        this.listener = listener;
    }

    /** Netty's client handshake, with its request and encoder reachable so the origin call can send it. */
    private static final class Handshaker extends WebSocketClientHandshaker13 {
        Handshaker(URI uri, String subprotocol, HttpHeaders custom) {
            super(uri, WebSocketVersion.V13, subprotocol, true, custom, MAX_MESSAGE);
        }

        FullHttpRequest request() {
            return newHandshakeRequest();
        }

        WebSocketFrameEncoder encoder() {
            return newWebSocketEncoder();
        }
    }

    @Override
    public void open() {
        OriginRequest.Policy policy = OriginRequest.Policy.handshake(request.env().origin().timings());
        OriginRequest base = request.originRequest(policy);
        HttpHeaders custom = new DefaultHttpHeaders();
        for (Header header : base.headers()) {
            if (!HANDSHAKE_HEADERS.contains(header.name().toLowerCase(Locale.ROOT))) {
                custom.add(header.name(), header.value());
            }
        }
        if (!route.noGrip()) {
            custom.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, "grip");
        }
        Target first = route.targets().get(0);
        // Only the key and the headers come from the handshaker: the call sends to each target in turn.
        URI uri = URI.create((first.ssl() ? "wss://" : "ws://") + first + "/");
        handshaker = new Handshaker(uri, request.handshake().headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL), custom);
        FullHttpRequest handshake = handshaker.request();
        List<Header> headers = new ArrayList<>();
        handshake.headers().forEach(e -> headers.add(new Header(e.getKey(), e.getValue())));
        handshake.release();
        OriginRequest outbound = new OriginRequest(route, route.targets(), HttpMethod.GET, base.uri(), headers,
                new byte[0], base.sign(), true, policy);
        call = request.env().origin().call(request.client().eventLoop(), outbound, this);
        call.start();
    }

    // ---- the handshake call's reports ----

    @Override
    public OriginCallHandler.Body head(HttpResponse head) {
        return OriginCallHandler.Body.BUFFER;
    }

    @Override
    public void response(OriginResponse refusal) {
        phase = Phase.CLOSED;
        listener.rejected(refusal.status(), refusal.reason(), refusal.headers(), refusal.body());
    }

    @Override
    public void failed(OriginFailure failure) {
        phase = Phase.CLOSED;
        listener.originFailed("origin WebSocket " + route.targets() + ": " + failure.describe());
    }

    @Override
    public void upgraded(Channel origin, FullHttpResponse response) {
        if (phase != Phase.CONNECTING) {
            origin.close();
            return;
        }
        try {
            handshaker.finishHandshake(origin, response);
        } catch (WebSocketHandshakeException | IllegalStateException e) {
            phase = Phase.CLOSED;
            origin.close();
            request.env().metrics().originError(route.id(), OriginKind.HTTP,
                    dev.tack.proxy.metrics.OriginFailure.BAD_RESPONSE);
            listener.originFailed("origin WebSocket handshake failed: " + e.getMessage());
            return;
        }
        ChannelPipeline pipeline = origin.pipeline();
        pipeline.addAfter(WsPipeline.ORIGIN_DECODER, WsPipeline.ORIGIN_ENCODER, handshaker.encoder());
        pipeline.addAfter(WsPipeline.ORIGIN_ENCODER, WsPipeline.ORIGIN_AGGREGATOR, new WebSocketFrameAggregator(MAX_MESSAGE));
        pipeline.replace(OriginPipeline.CALL, WsPipeline.ORIGIN_FRAMES, new OriginSide());
        connection = origin;
        phase = Phase.OPEN;
        List<Header> headers = new ArrayList<>();
        response.headers().forEach(e -> headers.add(new Header(e.getKey(), e.getValue())));
        listener.accepted(headers, WsOverHttpWire.gripPrefix(headers));
    }

    // ---- the session's side ----

    @Override
    public void send(WsEvent event) {
        if (phase != Phase.OPEN) {
            if (phase != Phase.CONNECTING && event.type() == WsEventType.CLOSE) {
                // Nobody at the origin will answer: complete the client's close handshake here.
                listener.originEvent(event);
            }
            return;
        }
        WebSocketFrame frame = WsFrames.frame(event);
        if (frame == null) {
            return;
        }
        connection.writeAndFlush(frame);
        if (!connection.isWritable()) {
            listener.originBusy(true);
        }
    }

    @Override
    public boolean refresh() {
        // A refresh means nothing to a WebSocket origin (docs/compatibility.md "Publishing into WebSockets").
        return false;
    }

    @Override
    public void detach() {
        if (phase == Phase.OPEN) {
            phase = Phase.DETACHED;
            connection.writeAndFlush(new CloseWebSocketFrame());
        }
    }

    @Override
    public void clientGone() {
        phase = Phase.CLOSED;
        if (call != null) {
            call.cancel();
        }
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public void clientBusy(boolean busy) {
        if (connection != null) {
            connection.config().setAutoRead(!busy);
        }
    }

    /** The origin connection's last handler once upgraded: relays the origin's messages to the session. */
    private final class OriginSide extends SimpleChannelInboundHandler<Object> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof WebSocketFrame frame) || phase == Phase.CLOSED) {
                return;
            }
            if (phase == Phase.DETACHED) {
                // The origin side is closing at our request (c:detach); the client stays.
                if (frame instanceof CloseWebSocketFrame) {
                    phase = Phase.CLOSED;
                    ctx.close();
                }
                return;
            }
            WsEvent event = WsFrames.event(frame);
            if (event == null) {
                return;
            }
            if (frame instanceof CloseWebSocketFrame) {
                phase = Phase.CLOSED;
                listener.originEvent(event);
                ctx.close();
                return;
            }
            listener.originEvent(event);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            listener.originBusy(!ctx.channel().isWritable());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (phase == Phase.OPEN) {
                phase = Phase.CLOSED;
                listener.originFailed("origin closed its WebSocket without a close frame");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("origin WebSocket failed: " + cause);
            ctx.close();
        }
    }
}
