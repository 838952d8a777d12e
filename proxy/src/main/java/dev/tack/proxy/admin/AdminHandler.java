package dev.tack.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.proxy.log.ConnectionLog;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.server.PipelineNames;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers on the metrics port, as Pushpin's endpoint does, any path with the Prometheus text exposition,
 * except the status page's paths:
 * <ul>
 * <li>{@code /status}, {@code /status/status.js}, {@code /status/status.css}: the page ({@link StaticFiles});</li>
 * <li>{@code /status/events}: the live feed ({@link StatusFeed});</li>
 * <li>{@code /status.json}: one report.</li>
 * </ul>
 * With {@code [tack] admin_bearer_token} set, the metrics and the status data need
 * {@code Authorization: Bearer <token>} or, for the browser's EventSource which cannot send headers,
 * {@code ?access_token=<token>} (RFC 6750 §2.3); otherwise {@code 401}. Only GET and HEAD are served.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private static final long REGISTRY_TIMEOUT_MILLIS = 2000;

    private final TackMetrics metrics;
    private final SubscriptionRegistry registry;
    private final StaticFiles files;
    private final StatusSampler sampler;
    private final StatusFeed feed;
    private final ObjectMapper json;
    private final byte[] token;
    private boolean streaming;

    AdminHandler(AdminState state) {
        this.metrics = state.metrics();
        this.registry = state.registry();
        this.files = state.files();
        this.sampler = state.sampler();
        this.feed = state.feed();
        this.json = state.json();
        this.token = state.settings().bearerToken().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, false, text(HttpResponseStatus.BAD_REQUEST, "Bad request.\n"));
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!head && !request.method().equals(HttpMethod.GET)) {
            FullHttpResponse refused = text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "Method not allowed: " + request.method() + " (expected: GET or HEAD).\n");
            refused.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            respond(ctx, keepAlive, refused);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        StaticFiles.File file = files.get(uri.path());
        if (file != null) {
            FullHttpResponse response = response(HttpResponseStatus.OK, file.contentType(), head ? new byte[0] : file.body());
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
            respond(ctx, keepAlive, response);
            return;
        }
        if (!authorized(request, uri)) {
            FullHttpResponse refused = text(HttpResponseStatus.UNAUTHORIZED,
                    "Unauthorized: this port needs the [tack] admin_bearer_token.\n");
            refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"tack\"");
            respond(ctx, keepAlive, refused);
            return;
        }
        switch (uri.path()) {
            case "/status/events":
                ctx.pipeline().remove(PipelineNames.ADMIN_IDLE);
                if (!feed.watch(ctx.channel())) {
                    respond(ctx, false, text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "Too many status page viewers (at most " + StatusFeed.MAX_WATCHERS + ").\n"));
                    return;
                }
                streaming = true;
                return;
            case "/status.json":
                sampler.sample(false).thenAccept(report -> respond(ctx, keepAlive,
                        response(HttpResponseStatus.OK, "application/json", head ? new byte[0] : json(report))))
                        .exceptionally(e -> failed(ctx, e));
                return;
            default:
                scrape(ctx, keepAlive, head);
        }
    }

    /** Refreshes the subscription counts (a task on every loop), then answers with the exposition. */
    private void scrape(ChannelHandlerContext ctx, boolean keepAlive, boolean head) {
        registry.counts().completeOnTimeout(null, REGISTRY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).thenAccept(counts -> {
            if (counts != null) {
                metrics.registryCounts(counts.channels(), counts.subscriptions());
            }
            byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            respond(ctx, keepAlive, response(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                    head ? new byte[0] : body));
        }).exceptionally(e -> failed(ctx, e));
    }

    /** Answers 500 for a report or scrape that failed (a bug; the event loops are shutting down). */
    private static Void failed(ChannelHandlerContext ctx, Throwable e) {
        log.warn("metrics port: cannot answer: {}", e.toString());
        respond(ctx, false, text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal error: " + e + "\n"));
        return null;
    }

    private boolean authorized(FullHttpRequest request, QueryStringDecoder uri) {
        if (token.length == 0) {
            return true;
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        List<String> query = uri.parameters().get("access_token");
        return query != null && query.stream()
                .anyMatch(t -> MessageDigest.isEqual(token, t.getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] json(StatusReport report) {
        try {
            return json.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status report cannot be written as JSON", e);
        }
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        return response(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, body.length);
        return response;
    }

    /** Writes {@code response} (from any thread); closes after it unless the connection stays open. */
    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && !streaming) {
            ctx.close(); // a connection that sent no request for a while
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionLog.debug(log, ctx.channel(), null).log("metrics port connection failed: {}", cause.toString());
        ctx.close();
    }
}
