package dev.tack.proxy.server;

import dev.tack.proxy.log.ConnectionLog;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.ConnectionFailure;
import dev.tack.proxy.route.RequestTarget;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RouteTable;
import dev.tack.proxy.session.GoingAway;
import dev.tack.proxy.session.ProxyEnvironment;
import dev.tack.proxy.session.ProxySession;
import dev.tack.proxy.ws.WebSocketUpgrader;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
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

    private final ProxyEnvironment env;
    private final RouteTable routes;
    private final boolean acceptPushpinRoute;
    private final boolean acceptXForwardedProtocol;
    private final WebSocketUpgrader webSockets;
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

    ClientHttpHandler(ProxyEnvironment env, RouteTable routes, boolean acceptPushpinRoute,
            boolean acceptXForwardedProtocol, WebSocketUpgrader webSockets) {
        this.env = env;
        this.routes = routes;
        this.acceptPushpinRoute = acceptPushpinRoute;
        this.acceptXForwardedProtocol = acceptXForwardedProtocol;
        this.webSockets = webSockets;
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
                session.clientContent(content);
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
        boolean tls = acceptXForwardedProtocol && isHttps(request.headers().get("X-Forwarded-Proto"));
        boolean websocket = WebSocketUpgrader.isUpgrade(request);
        Optional<Route> route = route(request, websocket, tls);
        if (route.isEmpty()) {
            ConnectionLog.at(log, Level.INFO, ctx.channel(), null).log("{} {} -> no route", request.method(),
                    request.uri());
            respondAndClose(HttpResponseStatus.BAD_GATEWAY, "Route not found");
            return;
        }
        if (websocket) {
            discardingBody = true;
            if (timeouts != null) {
                timeouts.stop();
            }
            webSockets.upgrade(ctx, request, route.get(), tls);
            return;
        }
        session = new ProxySession(env, ctx, ctx.pipeline().context(PipelineNames.HTTP_CODEC), request, route.get(),
                tls, this::sessionDone);
        session.start();
    }

    private Optional<Route> route(HttpRequest request, boolean websocket, boolean tls) {
        // Routed on the path the origin will be asked for, so absolute and origin form agree (RFC 9112 §3.2).
        String path = new QueryStringDecoder(RequestTarget.originForm(request.uri())).rawPath();
        String routeId = acceptPushpinRoute ? request.headers().get("Pushpin-Route") : null;
        if (routeId != null) {
            return routes.byId(routeId.trim(), path);
        }
        return routes.match(hostOf(request), path, websocket, tls);
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
        // Socket errors are a client's business (counted, logged at debug); anything else is a bug worth seeing.
        if (cause instanceof java.io.IOException) {
            env.metrics().connectionFailed(log, ctx.channel(), ClientTransport.HTTP, null, cause);
        } else {
            log.warn("client " + ctx.channel().remoteAddress() + " failed", cause);
        }
        ctx.close();
    }
}
