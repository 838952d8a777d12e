package dev.tack.proxy.server;

import dev.tack.proxy.log.ConnectionLog;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.ConnectionFailure;
import dev.tack.proxy.route.RequestTarget;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RouteTable;
import dev.tack.proxy.session.GoingAway;
import dev.tack.proxy.session.CrossOriginHandler;
import dev.tack.proxy.session.ProxyEnvironment;
import dev.tack.proxy.session.ProxySession;
import dev.tack.proxy.ws.WebSocketUpgrader;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The client side of one connection: routes each request (docs/compatibility.md "Routes") and runs it as a {@link
 * ProxySession}, one at a time, or hands a WebSocket upgrade to {@code ws}. Requests a client pipelines while one
 * is in progress wait, with reading paused, until the current response is complete. An absolute-form request
 * ({@code GET http://example.com/api/x}) is routed by its own host and path, exactly as its origin-form twin.
 */
final class ClientHttpHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientHttpHandler.class);
    private static final String PUSHPIN_ROUTE = "Pushpin-Route";

    private final ProxyEnvironment env;
    private final Supplier<RouteTable> routes;
    private final boolean acceptPushpinRoute;
    private final boolean acceptXForwardedProtocol;
    private final boolean tlsListener;
    private final WebSocketUpgrader webSockets;
    private final CrossOriginHandler crossOrigin;
    /** A JSON-P request's body, sent to the origin in place of the client's empty one; null otherwise. */
    private byte[] jsonpBody;
    /** Pipelined messages that wait for the current response; made only when a client pipelines. */
    private ArrayDeque<Object> waiting;
    private ChannelHandlerContext ctx;
    private ProxySession session;
    private boolean busy;
    private boolean discardingBody;
    /** The phase timers in front of the codec (absent in some handler tests). */
    private ClientTimeouts timeouts;
    /** The server is draining: the connection closes once its current response is complete. */
    private boolean goingAway;

    /** A handler for a plain listener with fixed routes and no cross-origin handling. */
    ClientHttpHandler(ProxyEnvironment env, RouteTable routes, boolean acceptPushpinRoute,
            boolean acceptXForwardedProtocol, WebSocketUpgrader webSockets) {
        this(env, () -> routes, acceptPushpinRoute, acceptXForwardedProtocol, false, webSockets,
                new CrossOriginHandler(false));
    }

    /**
     * @param routes the routes in force; asked once per request, so a reload applies to the next request
     * @param tlsListener whether this connection came in on a TLS listener
     * @param crossOrigin the connection's cross-origin handler, already in its pipeline
     */
    ClientHttpHandler(ProxyEnvironment env, Supplier<RouteTable> routes, boolean acceptPushpinRoute,
            boolean acceptXForwardedProtocol, boolean tlsListener, WebSocketUpgrader webSockets,
            CrossOriginHandler crossOrigin) {
        this.env = env;
        this.routes = routes;
        this.acceptPushpinRoute = acceptPushpinRoute;
        this.acceptXForwardedProtocol = acceptXForwardedProtocol;
        this.tlsListener = tlsListener;
        this.webSockets = webSockets;
        this.crossOrigin = crossOrigin;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.timeouts = ctx.pipeline().get(ClientTimeouts.class);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
    }

    private void releaseWaiting() {
        if (waiting != null) {
            waiting.forEach(ReferenceCountUtil::release);
            waiting = null;
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        env.metrics().clientConnected();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        env.metrics().clientDisconnected();
        if (session != null) {
            session.clientClosed();
            session = null;
        }
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (waiting != null && !waiting.isEmpty() || busy && msg instanceof HttpRequest) {
            if (waiting == null) {
                waiting = new ArrayDeque<>(4);
            }
            waiting.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        handle(msg);
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest request) {
            startRequest(request);
        }
        if (msg instanceof LastHttpContent && timeouts != null) {
            timeouts.requestEnded();
        }
        if (msg instanceof HttpContent content) {
            if (session != null && !discardingBody) {
                session.clientContent(jsonpBody == null ? content : jsonpContent(content));
                return;
            }
            content.release();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startRequest(HttpRequest request) {
        env.metrics().requestReceived();
        busy = true;
        discardingBody = false;
        if (timeouts != null) {
            timeouts.requestHead(HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request));
        }
        if (!request.decoderResult().isFailure() && request.protocolVersion().majorVersion() != 1) {
            discardingBody = true;
            env.metrics().connectionEnded(ClientTransport.HTTP, ConnectionFailure.PROTOCOL);
            ProtocolAnswers.unsupportedVersion(ctx, ctx.pipeline().context(PipelineNames.HTTP_CODEC), request);
            return;
        }
        if (request.decoderResult().isFailure()) {
            ConnectionLog.at(log, Level.INFO, ctx.channel(), null).log("bad request from {}: {}",
                    ctx.channel().remoteAddress(), request.decoderResult().cause());
            respondAndClose(HttpResponseStatus.BAD_REQUEST, "Bad request: " + request.decoderResult().cause().getMessage());
            return;
        }
        boolean tls = tlsListener || acceptXForwardedProtocol && isHttps(request.headers().get("X-Forwarded-Proto"));
        boolean websocket = WebSocketUpgrader.isUpgrade(request);
        String routeId = acceptPushpinRoute ? request.headers().get(PUSHPIN_ROUTE) : null;
        Optional<Route> route = route(request, routeId, websocket, tls);
        jsonpBody = null;
        if (!websocket) {
            try {
                byte[] body = crossOrigin.begin(request, route.orElse(null));
                jsonpBody = body == null || body.length == 0 ? null : body;
            } catch (CrossOriginHandler.Refused e) {
                ConnectionLog.at(log, Level.INFO, ctx.channel(), null).log("{} {} -> refused: {}", request.method(),
                        request.uri(), e.getMessage());
                respondAndClose(HttpResponseStatus.BAD_REQUEST, e.getMessage());
                return;
            }
        }
        if (route.isEmpty()) {
            // Pushpin answers "Route not found" whatever the reason; with [proxy] debug Tack says which.
            String why = routeId != null ? "No route with id: " + routeId.trim()
                    : "No route for host: " + hostOf(request);
            ConnectionLog.at(log, Level.INFO, ctx.channel(), null).log("{} {} -> {}", request.method(),
                    request.uri(), why);
            respondAndClose(HttpResponseStatus.BAD_GATEWAY, env.debug() ? why : "Route not found");
            return;
        }
        if (routeId != null) {
            // Routing by it is this hop's business; the origin never sees it (Pushpin's proxyutil.cpp).
            request.headers().remove(PUSHPIN_ROUTE);
        }
        if (websocket) {
            discardingBody = true;
            if (timeouts != null) {
                timeouts.stop();
            }
            if (ctx.pipeline().get(PipelineNames.CROSS_ORIGIN) != null) {
                ctx.pipeline().remove(PipelineNames.CROSS_ORIGIN); // a WebSocket gets no CORS headers
            }
            webSockets.upgrade(ctx, request, route.get(), tls);
            return;
        }
        session = new ProxySession(env, ctx, ctx.pipeline().context(PipelineNames.HTTP_CODEC), request, route.get(),
                tls, this::sessionDone);
        session.start();
    }

    private Optional<Route> route(HttpRequest request, String routeId, boolean websocket, boolean tls) {
        // Routed on the path the origin will be asked for, so absolute and origin form agree (RFC 9112 §3.2).
        String path = new QueryStringDecoder(RequestTarget.originForm(request.uri())).rawPath();
        if (routeId != null) {
            return routes.get().byId(routeId.trim(), path);
        }
        return routes.get().match(hostOf(request), path, websocket, tls);
    }

    /** The client's (empty) GET body gives way to the one a JSON-P request carries; ownership passes on. */
    private HttpContent jsonpContent(HttpContent content) {
        if (!(content instanceof LastHttpContent)) {
            content.release();
            return new DefaultHttpContent(Unpooled.EMPTY_BUFFER);
        }
        content.release();
        byte[] body = jsonpBody;
        jsonpBody = null;
        return new DefaultLastHttpContent(Unpooled.wrappedBuffer(body));
    }

    /** The request's host: an absolute-form target's own, else the {@code Host} header's, without port. */
    static String hostOf(HttpRequest request) {
        String absolute = RequestTarget.host(request.uri());
        return absolute != null ? absolute : RequestTarget.hostOfAuthority(request.headers().get(HttpHeaderNames.HOST, ""));
    }

    private static boolean isHttps(String proto) {
        return proto != null && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("wss"));
    }

    /** The current response is complete: take the next request, waiting or new. */
    private void sessionDone() {
        session = null;
        busy = false;
        if (goingAway) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (timeouts != null) {
            timeouts.responseEnded();
        }
        Object next;
        while (waiting != null && (next = waiting.peek()) != null && !(busy && next instanceof HttpRequest)) {
            waiting.poll();
            handle(next);
        }
        if (waiting == null || waiting.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void respondAndClose(HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * The drain reached this connection ({@link GoingAway}): an idle one closes now; a hold ends its response and a
     * request in progress finishes, then the connection closes ({@link #sessionDone}).
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == GoingAway.IDLE_ONLY) {
            if (session == null && !busy) {
                ctx.close();
            }
            return;
        }
        if (evt == GoingAway.NOW) {
            goingAway = true;
            if (session != null) {
                session.goingAway();
            } else {
                // Idle, or a WebSocket handshake still waiting for its origin: nothing to finish.
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null) {
            session.clientWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Socket and TLS errors are a client's business (counted, logged at debug); anything else is a bug worth
        // seeing. A TLS client that fails its handshake (no certificate for its name, one it does not trust) is one.
        if (cause instanceof java.io.IOException || cause.getCause() instanceof javax.net.ssl.SSLException) {
            env.metrics().connectionFailed(log, ctx.channel(), ClientTransport.HTTP, null, cause);
        } else {
            log.warn("client " + ctx.channel().remoteAddress() + " failed", cause);
        }
        ctx.close();
    }
}
