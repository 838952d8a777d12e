package dev.tack.proxy.ws;

import dev.tack.api.Header;
import dev.tack.proxy.history.Resume;
import dev.tack.proxy.history.ResumeRequest;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.Target;
import dev.tack.proxy.session.HeldRequest;
import dev.tack.proxy.session.HoldContext;
import dev.tack.proxy.session.ProxyEnvironment;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The WebSocket handshake at Tack (RFC 6455 §4.2): checks the client's upgrade request, starts a {@link WsSession}
 * with the link its route asks for (WebSocket-over-HTTP, passthrough or the test target), and answers {@code 101}
 * only once the origin accepts, with the origin's headers but never the {@code grip} extension, {@code
 * Content-Type} or {@code Keep-Alive-Interval} (docs/compatibility.md "WebSocket-over-HTTP"). Netty's handshaker
 * writes the {@code 101} and installs the frame codec; {@code permessage-deflate} is negotiated only when {@code
 * allow_compression} is on, with an inflater that stops at the message size limit.
 */
public final class WsHandshake implements WebSocketUpgrader {

    private static final Set<String> NOT_FOR_CLIENT = Set.of("content-length", "content-type", "keep-alive-interval",
            "sec-websocket-extensions", "sec-websocket-accept", "upgrade", "connection", "keep-alive",
            "transfer-encoding");

    private final ProxyEnvironment env;
    private final int maxMessageSize;
    private final boolean allowCompression;
    private final long pingIntervalMillis;
    private final long pongTimeoutMillis;

    /**
     * @param maxMessageSize the largest message a client may send, continuations joined and inflated
     * @param allowCompression {@code allow_compression}: accept a client's {@code permessage-deflate} offer
     */
    public WsHandshake(ProxyEnvironment env, int maxMessageSize, boolean allowCompression) {
        this(env, maxMessageSize, allowCompression, DEFAULT_PING_INTERVAL_MILLIS, DEFAULT_PONG_TIMEOUT_MILLIS);
    }

    /**
     * @param pingIntervalMillis {@code ws_ping_interval}: a client silent this long gets a ping (0: never)
     * @param pongTimeoutMillis {@code ws_pong_timeout}: how long it then has to send anything back
     */
    public WsHandshake(ProxyEnvironment env, int maxMessageSize, boolean allowCompression, long pingIntervalMillis,
            long pongTimeoutMillis) {
        this.env = env;
        this.maxMessageSize = maxMessageSize;
        this.allowCompression = allowCompression;
        this.pingIntervalMillis = pingIntervalMillis;
        this.pongTimeoutMillis = pongTimeoutMillis;
    }

    /** Pushpin's WebSocket keep-alive period, 55 s. */
    public static final long DEFAULT_PING_INTERVAL_MILLIS = 55_000;
    public static final long DEFAULT_PONG_TIMEOUT_MILLIS = 30_000;

    @Override
    public void upgrade(ChannelHandlerContext ctx, HttpRequest request, Route route, boolean tls) {
        String key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        String version = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (!"13".equals(version)) {
            FullHttpResponse response = text(HttpResponseStatus.UPGRADE_REQUIRED,
                    "Sec-WebSocket-Version: " + version + " (expected: 13)");
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (key == null || key.isBlank()) {
            ctx.writeAndFlush(text(HttpResponseStatus.BAD_REQUEST, "Sec-WebSocket-Key is missing"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        Target target = route.targets().get(0);
        String local = ctx.channel().localAddress() instanceof InetSocketAddress address
                ? address.getHostString() + ":" + address.getPort() : "localhost";
        HeldRequest held = new HeldRequest(env.grip(), route, HeldRequest.clientUri(request, tls, true, local),
                env.debug() || route.debug(), target.subscriptions(), env.subscriptionMax(), null, false);
        HoldContext hold = new HoldContext(ctx, null, env.registry().shard(ctx.executor()), env.metrics(),
                env.outbox(), env.time(), () -> { }, held);
        Upgrade upgrade = new Upgrade(ctx, request);
        Resume resume = env.history().enabled()
                ? env.history().resume(ResumeRequest.of(request.uri(), request.headers().get("Last-Event-ID")),
                        ctx.channel())
                : Resume.NONE;
        WsSession session = new WsSession(ctx, upgrade, hold, env.subscriptionMax(), route.channelPrefix(),
                target.subscriptions(), resume);
        upgrade.session = session;
        String peerAddress = ctx.channel().remoteAddress() instanceof InetSocketAddress peer
                ? peer.getAddress().getHostAddress() : null;
        OriginLink link;
        if (target.test()) {
            link = new BuiltinTestLink(session, request);
        } else if (target.overHttp()) {
            link = new WsOverHttpLink(new WsClientRequest(env, ctx.channel(), route, request, tls, peerAddress), session);
        } else {
            link = new WsPassthroughLink(new WsClientRequest(env, ctx.channel(), route, request, tls, peerAddress),
                    session);
        }
        session.start(link);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    /** The handshake of one connection, completed or refused when the origin answers. */
    private final class Upgrade implements ClientHandshake {

        private final ChannelHandlerContext ctx;
        private final String uri;
        /** The client's request headers until the handshake completes; then dropped (the session keeps this). */
        private HttpHeaders requestHeaders;
        private WsSession session;

        Upgrade(ChannelHandlerContext ctx, HttpRequest request) {
            this.ctx = ctx;
            this.uri = request.uri();
            this.requestHeaders = new DefaultHttpHeaders().set(request.headers());
        }

        @Override
        public ChannelHandlerContext complete(List<Header> headers) {
            HttpHeaders extra = new DefaultHttpHeaders();
            for (Header header : headers) {
                String name = header.name().toLowerCase(Locale.ROOT);
                if (!NOT_FOR_CLIENT.contains(name) && !name.startsWith("set-meta-") && !name.startsWith("grip-")) {
                    extra.add(header.name(), header.value());
                }
            }
            WebSocketServerExtension deflate = allowCompression ? negotiateDeflate() : null;
            if (deflate != null) {
                WebSocketExtensionData data = deflate.newReponseData();
                StringBuilder value = new StringBuilder(data.name());
                data.parameters().forEach((k, v) -> value.append("; ").append(k).append(v == null ? "" : "=" + v));
                extra.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, value.toString());
            }
            WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(maxMessageSize)
                    .allowExtensions(deflate != null)
                    .expectMaskedFrames(true)
                    // WsFrameHandler answers every violation with its close code; Netty's own answer sends none
                    // for a broken close frame (it counts the handshake as received).
                    .closeOnProtocolViolation(false)
                    .build();
            FullHttpRequest handshakeRequest = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                    HttpMethod.GET, uri, Unpooled.EMPTY_BUFFER, requestHeaders,
                    EmptyHttpHeaders.INSTANCE);
            ChannelPipeline pipeline = ctx.pipeline();
            // Writes 101 through the HTTP codec, puts the frame encoder and decoder in front of it (in that order),
            // then removes it. Tack's WebSocket handlers go right after the decoder.
            new WebSocketServerHandshakerFactory(uri, null, config).newHandshaker(handshakeRequest)
                    .handshake(ctx.channel(), handshakeRequest, extra, ctx.channel().newPromise());
            String last = WsPipeline.DECODER;
            if (deflate != null) {
                pipeline.addAfter(last, WsPipeline.DEFLATE_DECODER, deflate.newExtensionDecoder());
                pipeline.addAfter(WsPipeline.DEFLATE_DECODER, WsPipeline.DEFLATE_ENCODER, deflate.newExtensionEncoder());
                last = WsPipeline.DEFLATE_ENCODER;
            }
            pipeline.addAfter(last, WsPipeline.UTF8, new Utf8FrameValidator(true));
            pipeline.addAfter(WsPipeline.UTF8, WsPipeline.AGGREGATOR, new WebSocketFrameAggregator(maxMessageSize));
            // Locals, not fields, in the callback: a lambda reading this handshake's fields would keep it, and with
            // it the handler context removed below and the whole HTTP pipeline behind it, for the connection's life.
            WsSession owner = session;
            long pongTimeout = pongTimeoutMillis;
            WsLiveness liveness = new WsLiveness(ctx.channel(), env.time(), pingIntervalMillis, pongTimeout,
                    () -> owner.peerGone(pongTimeout));
            pipeline.addAfter(WsPipeline.AGGREGATOR, WsPipeline.FRAMES,
                    new WsFrameHandler(session, env.metrics(), liveness));
            pipeline.remove(ctx.handler());
            if (pipeline.get(HttpServerExpectContinueHandler.class) != null) {
                pipeline.remove(HttpServerExpectContinueHandler.class);
            }
            // An open WebSocket needs them no more: about 600 bytes of heap per connection (bench/docs/perf-connect.md).
            requestHeaders = null;
            return pipeline.context(WsPipeline.ENCODER);
        }

        /** The first {@code permessage-deflate} offer Netty accepts, with an inflater bounded by the message limit. */
        private WebSocketServerExtension negotiateDeflate() {
            for (String offer : requestHeaders.getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
                for (String extension : offer.split(",")) {
                    String[] parts = extension.split(";");
                    if (!parts[0].trim().equalsIgnoreCase("permessage-deflate")) {
                        continue;
                    }
                    Map<String, String> parameters = new HashMap<>();
                    for (int i = 1; i < parts.length; i++) {
                        String[] kv = parts[i].trim().split("=", 2);
                        parameters.put(kv[0].trim(), kv.length > 1 ? kv[1].trim().replace("\"", "") : null);
                    }
                    WebSocketServerExtension accepted = new PerMessageDeflateServerExtensionHandshaker(maxMessageSize)
                            .handshakeExtension(new WebSocketExtensionData("permessage-deflate", parameters));
                    if (accepted != null) {
                        return accepted;
                    }
                }
            }
            return null;
        }

        @Override
        public void reject(int status, String reason, List<Header> headers, byte[] body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    new HttpResponseStatus(status, reason), Unpooled.wrappedBuffer(body));
            for (Header header : headers) {
                String name = header.name().toLowerCase(Locale.ROOT);
                if (!NOT_FOR_CLIENT.contains(name) || name.equals("content-type")) {
                    if (!name.startsWith("set-meta-") && !name.equals("keep-alive-interval")) {
                        response.headers().add(header.name(), header.value());
                    }
                }
            }
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
