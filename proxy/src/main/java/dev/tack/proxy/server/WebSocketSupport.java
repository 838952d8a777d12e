package dev.tack.proxy.server;

import dev.tack.api.Header;
import dev.tack.proxy.origin.ProxyEnvironment;
import dev.tack.proxy.origin.WsClientRequest;
import dev.tack.proxy.origin.WsOverHttpLink;
import dev.tack.proxy.origin.WsPassthroughLink;
import dev.tack.proxy.origin.TestWsLink;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.Target;
import dev.tack.proxy.session.HoldContext;
import dev.tack.proxy.session.OriginLink;
import dev.tack.proxy.session.WsSession;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The WebSocket handshake at Tack (RFC 6455 §4.2): checks the client's upgrade request, starts a {@link
 * WsSession} with the link its route asks for (WebSocket-over-HTTP, passthrough or the test target), and
 * answers {@code 101} only once the origin accepts, with the origin's headers but never the {@code grip}
 * extension, {@code Content-Type} or {@code Keep-Alive-Interval} (pushpin-spec §2.5). {@code
 * permessage-deflate} is negotiated only when {@code allow_compression} is on.
 */
final class WebSocketSupport implements WebSocketUpgrader {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Set<String> NOT_FOR_CLIENT = Set.of("content-length", "content-type", "keep-alive-interval",
            "sec-websocket-extensions", "sec-websocket-accept", "upgrade", "connection", "keep-alive",
            "transfer-encoding");

    private final ProxyEnvironment env;
    private final ServerSettings settings;

    WebSocketSupport(ProxyEnvironment env, ServerSettings settings) {
        this.env = env;
        this.settings = settings;
    }

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
        HoldContext hold = new HoldContext(ctx, null, env.registry().shard(ctx.executor()), env.metrics(),
                env.outboxMax(), () -> { });
        Upgrade upgrade = new Upgrade(ctx, request, key);
        WsSession session = new WsSession(ctx, upgrade, hold, env.subscriptionMax(), route.channelPrefix(),
                target.subscriptions());
        upgrade.session = session;
        String peerAddress = ctx.channel().remoteAddress() instanceof InetSocketAddress peer
                ? peer.getAddress().getHostAddress() : null;
        OriginLink link;
        if (target.test()) {
            link = new TestWsLink(session, request);
        } else if (target.overHttp()) {
            link = new WsOverHttpLink(new WsClientRequest(env, ctx.channel(), route, request, tls, peerAddress), session);
        } else {
            link = new WsPassthroughLink(new WsClientRequest(env, ctx.channel(), route, request, tls, peerAddress), session);
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

    static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }

    /** The handshake of one connection, completed or refused when the origin answers. */
    private final class Upgrade implements WsSession.Handshake {

        private final ChannelHandlerContext ctx;
        private final HttpHeaders requestHeaders;
        private final String key;
        private WsSession session;

        Upgrade(ChannelHandlerContext ctx, HttpRequest request, String key) {
            this.ctx = ctx;
            this.requestHeaders = new DefaultHttpHeaders().set(request.headers());
            this.key = key;
        }

        @Override
        public ChannelHandlerContext complete(List<Header> headers) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.SWITCHING_PROTOCOLS, Unpooled.EMPTY_BUFFER);
            for (Header header : headers) {
                String name = header.name().toLowerCase(Locale.ROOT);
                if (!NOT_FOR_CLIENT.contains(name) && !name.startsWith("set-meta-") && !name.startsWith("grip-")) {
                    response.headers().add(header.name(), header.value());
                }
            }
            response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, acceptKey(key));
            WebSocketServerExtension deflate = settings.allowCompression() ? negotiateDeflate() : null;
            if (deflate != null) {
                WebSocketExtensionData data = deflate.newReponseData();
                StringBuilder value = new StringBuilder(data.name());
                data.parameters().forEach((k, v) -> value.append("; ").append(k).append(v == null ? "" : "=" + v));
                response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, value.toString());
            }
            ctx.writeAndFlush(response);

            ChannelPipeline pipeline = ctx.pipeline();
            WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(settings.wsMaxMessageSize())
                    .allowExtensions(deflate != null)
                    .expectMaskedFrames(true)
                    .closeOnProtocolViolation(true)
                    .build();
            pipeline.addAfter(PipelineNames.HTTP_CODEC, PipelineNames.WS_DECODER, new WebSocket13FrameDecoder(config));
            pipeline.addAfter(PipelineNames.WS_DECODER, PipelineNames.WS_ENCODER, new WebSocket13FrameEncoder(false));
            String last = PipelineNames.WS_ENCODER;
            if (deflate != null) {
                pipeline.addAfter(last, "ws-deflate-decoder", deflate.newExtensionDecoder());
                pipeline.addAfter("ws-deflate-decoder", "ws-deflate-encoder", deflate.newExtensionEncoder());
                last = "ws-deflate-encoder";
            }
            pipeline.addAfter(last, "ws-utf8", new Utf8FrameValidator(true));
            pipeline.addAfter("ws-utf8", "ws-aggregator", new WebSocketFrameAggregator(settings.wsMaxMessageSize()));
            pipeline.addAfter("ws-aggregator", PipelineNames.WS_SESSION, new ClientWsHandler(session, env.metrics()));
            pipeline.remove(PipelineNames.CLIENT);
            pipeline.remove(PipelineNames.EXPECT_CONTINUE);
            pipeline.remove(PipelineNames.HTTP_CODEC);
            return pipeline.context(PipelineNames.WS_ENCODER);
        }

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
                    WebSocketServerExtension accepted = new PerMessageDeflateServerExtensionHandshaker()
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
