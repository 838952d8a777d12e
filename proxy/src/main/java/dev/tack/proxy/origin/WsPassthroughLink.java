package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.api.ws.WsEvent;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.Target;
import dev.tack.proxy.session.OriginLink;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A client WebSocket relayed to a WebSocket at the origin (routes without {@code over_http}, pushpin-spec
 * §2.1): Tack opens its own WebSocket to the origin on the client's event loop, offering {@code
 * Sec-WebSocket-Extensions: grip}, and relays frames both ways. When the origin's handshake answer accepts the
 * {@code grip} extension, the session applies the same {@code m:}/{@code c:} rules as for WebSocket-over-HTTP.
 */
public final class WsPassthroughLink implements OriginLink {

    private static final Logger log = Logger.getLogger(WsPassthroughLink.class.getName());
    private static final Set<String> HANDSHAKE_HEADERS = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol", "content-length");

    private final WsClientRequest request;
    private final ProxyEnvironment env;
    private final Channel client;
    private final Route route;
    private final Listener listener;
    private final ArrayDeque<WebSocketFrame> early = new ArrayDeque<>();
    private int targetIndex;
    private Channel origin;
    private boolean opened;
    private boolean detached;
    private boolean finished;
    private io.netty.util.concurrent.ScheduledFuture<?> handshakeTimer;

    public WsPassthroughLink(WsClientRequest request, Listener listener) {
        this.request = request;
        this.env = request.env();
        this.client = request.client();
        this.route = request.route();
        this.listener = listener;
    }

    @Override
    public void open() {
        Target target = route.targets().get(targetIndex);
        HttpRequest base = request.originRequest();
        HttpHeaders custom = new DefaultHttpHeaders();
        for (var entry : base.headers()) {
            if (!HANDSHAKE_HEADERS.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                custom.add(entry.getKey(), entry.getValue());
            }
        }
        // The Host the origin sees: the target's host=, else the route's as_host (applied by OriginRequests),
        // else the client's.
        String hostHeader = target.hostHeader() != null && !target.hostHeader().isEmpty() ? target.hostHeader()
                : base.headers().get(HttpHeaderNames.HOST);
        if (hostHeader != null) {
            custom.set(HttpHeaderNames.HOST, hostHeader);
        }
        if (!route.noGrip()) {
            custom.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, "grip");
        }
        URI uri = URI.create((target.ssl() ? "wss://" : "ws://") + target.host() + ":" + target.port() + base.uri());
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri,
                WebSocketVersion.V13, request.handshake().headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL), true, custom,
                1 << 24);
        Bootstrap bootstrap = new Bootstrap().group(client.eventLoop()).channel(env.originClient().channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) throws Exception {
                        if (target.ssl()) {
                            var builder = SslContextBuilder.forClient();
                            if (target.insecure()) {
                                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
                            }
                            ch.pipeline().addLast(builder.build().newHandler(ch.alloc(), target.host(), target.port()));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(100_000),
                                new OriginSide(handshaker));
                    }
                });
        ChannelFuture connect = bootstrap.connect(target.host(), target.port());
        connect.addListener(f -> {
            if (f.isSuccess()) {
                origin = connect.channel();
                if (finished) {
                    origin.close();
                    return;
                }
                long headMillis = env.timings().headMillis();
                handshakeTimer = client.eventLoop().schedule(() -> {
                    if (!opened && !finished) {
                        finished = true;
                        env.metrics().originError();
                        origin.close();
                        listener.originFailed("the origin WebSocket " + uri + " did not answer the handshake within "
                                + headMillis + " ms");
                    }
                }, headMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } else if (++targetIndex < route.targets().size()) {
                open();
            } else {
                env.metrics().originError();
                finished = true;
                listener.originFailed("cannot connect to the origin WebSocket " + uri + ": " + f.cause().getMessage());
            }
        });
    }

    @Override
    public void send(WsEvent event) {
        if (detached || finished) {
            if (event.type() == dev.tack.api.ws.WsEventType.CLOSE) {
                listener.originEvent(event);
            }
            return;
        }
        WebSocketFrame frame = switch (event.type()) {
            case TEXT -> new TextWebSocketFrame(Unpooled.wrappedBuffer(event.content()));
            case BINARY -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(event.content()));
            case PING -> new PingWebSocketFrame(content(event));
            case PONG -> new PongWebSocketFrame(content(event));
            case CLOSE -> event.closeCode() < 0 ? new CloseWebSocketFrame()
                    : new CloseWebSocketFrame(event.closeCode(), event.closeReason());
            default -> null;
        };
        if (frame == null) {
            return;
        }
        if (!opened) {
            early.add(frame);
            return;
        }
        origin.writeAndFlush(frame);
        if (!origin.isWritable()) {
            listener.originBusy(true);
        }
    }

    private static io.netty.buffer.ByteBuf content(WsEvent event) {
        return event.content() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(event.content());
    }

    @Override
    public void refresh() {
        // A refresh means nothing to a WebSocket origin (pushpin-spec §2.8).
    }

    @Override
    public void detach() {
        if (opened && !detached && !finished) {
            detached = true;
            origin.writeAndFlush(new CloseWebSocketFrame());
        }
    }

    @Override
    public void clientGone() {
        finished = true;
        early.forEach(WebSocketFrame::release);
        early.clear();
        if (origin != null) {
            origin.close();
        }
    }

    @Override
    public void clientBusy(boolean busy) {
        if (origin != null) {
            origin.config().setAutoRead(!busy);
        }
    }

    /** The origin connection's handler: completes the handshake, then relays frames to the session. */
    private final class OriginSide extends SimpleChannelInboundHandler<Object> {

        private final WebSocketClientHandshaker handshaker;

        OriginSide(WebSocketClientHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (finished) {
                return;
            }
            if (!handshaker.isHandshakeComplete() && msg instanceof FullHttpResponse response) {
                handshakeResponse(ctx, response);
                return;
            }
            if (!(msg instanceof WebSocketFrame frame)) {
                return;
            }
            if (detached) {
                // The origin side is closing at our request (c:detach); the client stays.
                if (frame instanceof CloseWebSocketFrame) {
                    finished = true;
                    ctx.close();
                }
                return;
            }
            if (frame instanceof TextWebSocketFrame text) {
                listener.originEvent(WsEvent.text(text.text()));
            } else if (frame instanceof BinaryWebSocketFrame) {
                listener.originEvent(WsEvent.binary(ByteBufUtil.getBytes(frame.content())));
            } else if (frame instanceof PingWebSocketFrame) {
                listener.originEvent(WsEvent.ping(ByteBufUtil.getBytes(frame.content())));
            } else if (frame instanceof PongWebSocketFrame) {
                listener.originEvent(WsEvent.pong(ByteBufUtil.getBytes(frame.content())));
            } else if (frame instanceof CloseWebSocketFrame close) {
                finished = true;
                listener.originEvent(close.statusCode() < 0 ? WsEvent.closeWithoutCode()
                        : WsEvent.close(close.statusCode(), close.reasonText()));
                ctx.close();
            }
        }

        private void handshakeResponse(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (handshakeTimer != null) {
                handshakeTimer.cancel(false);
            }
            List<Header> headers = ProxyExchange.headersOf(response);
            if (response.status().code() != 101) {
                finished = true;
                listener.rejected(response.status().code(), response.status().reasonPhrase(), headers,
                        ByteBufUtil.getBytes(response.content()));
                ctx.close();
                return;
            }
            try {
                handshaker.finishHandshake(ctx.channel(), response);
            } catch (RuntimeException e) {
                finished = true;
                env.metrics().originError();
                listener.originFailed("origin WebSocket handshake failed: " + e.getMessage());
                ctx.close();
                return;
            }
            ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(1 << 24));
            opened = true;
            listener.accepted(headers, WsOverHttpWire.gripPrefix(response.headers()));
            WebSocketFrame frame;
            while ((frame = early.poll()) != null) {
                ctx.channel().write(frame);
            }
            ctx.channel().flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            listener.originBusy(!ctx.channel().isWritable());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!finished && !detached) {
                finished = true;
                listener.originFailed("origin closed its WebSocket without a close frame");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.fine("origin WebSocket failed: " + cause);
            ctx.close();
        }
    }
}
