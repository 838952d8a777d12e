package dev.tack.proxy.publish;

import dev.tack.api.publish.PublishFormatException;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import dev.tack.proxy.engine.EngineUnavailableException;
import dev.tack.proxy.metrics.PublishSource;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish API on the publish port, answering exactly as Pushpin's control server does
 * (docs/compatibility.md "Publishing"): {@code POST /publish/} and Fastly's {@code POST /service/{id}/publish/}, with
 * or without a query string, in origin-form or absolute-form. For example:
 *
 * <pre>
 * POST /publish/ HTTP/1.1
 * Content-Length: 75
 *
 * {"items":[{"channel":"test","formats":{"http-stream":{"content":"hi\n"}}}]}
 * </pre>
 *
 * answers {@code 200 OK} with {@code Published\n} once the engine has the items; while a Redis or NATS engine is
 * down (and {@code engine_down_policy} is {@code reject}) it answers {@code 503} with, for example,
 * {@code Service Unavailable: the redis engine (redis://127.0.0.1:6379) is down; nothing was published. Retry
 * later.} Every reply closes the connection, as Pushpin's does.
 *
 * <p>One instance per connection: it gathers one request body, bounded by {@code push_in_http_max_body_size} and
 * grown as the bytes arrive (never sized by what {@code Content-Length} promises). Everything that can be decided
 * from the request head (length, path, method, {@code Accept}, credentials) is decided there, before the body is
 * read: an unauthenticated client cannot make Tack read or buffer a byte of its body. An answer given before the
 * body ended shuts Tack's side down and drops what still arrives for up to {@value #LINGER_SECONDS} s, so the
 * client reads the answer instead of a reset. The whole request must arrive within {@code [tack] publish_timeout}
 * of the connection's start, else {@code 408 Request Timeout} (docs/reliability.md "Timeouts").
 */
public final class PublishHttpHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PublishHttpHandler.class);
    /** How long an early answer waits for the rest of the request before closing. */
    static final int LINGER_SECONDS = 2;

    private final PublishService service;
    private final PublishAuth auth;
    private final PublishSettings settings;
    private final TackMetrics metrics;
    private final TimeSource time;
    private HttpRequest request;
    private PublishPaths.Target target;
    private boolean json;
    private ByteBuf body;
    private boolean answered;
    private boolean requestEnded;
    private Future<?> timer;

    PublishHttpHandler(PublishService service, PublishAuth auth, PublishSettings settings, TackMetrics metrics) {
        this(service, auth, settings, metrics, null);
    }

    /** @param time the source of the request timer; {@code null}: no timer */
    PublishHttpHandler(PublishService service, PublishAuth auth, PublishSettings settings, TackMetrics metrics,
            TimeSource time) {
        this.service = service;
        this.auth = auth;
        this.settings = settings;
        this.metrics = metrics;
        this.time = time;
    }

    /** Starts the request timer: the whole request must arrive within {@code publish_timeout}. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (time != null && settings.requestTimeoutMillis() > 0) {
            timer = time.schedule(ctx.executor(), () -> {
                if (!requestEnded && !answered) {
                    log.debug("publish request from {} too slow: no complete request within {} ms",
                            ctx.channel().remoteAddress(), settings.requestTimeoutMillis());
                    respondText(ctx, HttpResponseStatus.REQUEST_TIMEOUT, "Request Timeout.");
                }
            }, settings.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof LastHttpContent) {
                requestEnded = true;
                stopTimer();
            }
            if (answered) {
                return;
            }
            if (msg instanceof HttpRequest req) {
                startRequest(ctx, req);
            }
            if (msg instanceof HttpContent content && body != null && !answered) {
                if (content.decoderResult().isFailure()) {
                    respondText(ctx, HttpResponseStatus.BAD_REQUEST, "Failed to parse request body.");
                    return;
                }
                body.writeBytes(content.content());
                if (content instanceof LastHttpContent) {
                    handlePost(ctx);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startRequest(ChannelHandlerContext ctx, HttpRequest req) {
        if (req.decoderResult().isFailure()) {
            Throwable cause = req.decoderResult().cause();
            respondText(ctx, HttpResponseStatus.BAD_REQUEST, cause instanceof TooLongFrameException
                    ? "Request header too large." : "Failed to parse request header.");
            return;
        }
        request = req;
        String contentLength = req.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        boolean methodAssumesBody = !req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)
                && !req.method().equals(HttpMethod.DELETE);
        if (contentLength == null && (HttpUtil.isTransferEncodingChunked(req) || methodAssumesBody)) {
            respondText(ctx, HttpResponseStatus.LENGTH_REQUIRED, "Request requires Content-Length.");
            return;
        }
        int length = 0;
        if (contentLength != null) {
            try {
                length = Integer.parseInt(contentLength.trim());
            } catch (NumberFormatException e) {
                respondText(ctx, HttpResponseStatus.BAD_REQUEST, "Bad Content-Length.");
                return;
            }
            if (length < 0) {
                respondText(ctx, HttpResponseStatus.BAD_REQUEST, "Bad Content-Length.");
                return;
            }
            if (length > settings.maxBodySize()) {
                // Pushpin's answer (its simplehttpserver.cpp), which publishers written for Pushpin expect.
                respondText(ctx, HttpResponseStatus.BAD_REQUEST, "Request body too large.");
                return;
            }
        }
        target = PublishPaths.classify(PublishPaths.pathOf(req.uri()));
        switch (target.kind()) {
            case ROOT -> respondText(ctx, HttpResponseStatus.OK, "Pushpin API");
            case NOT_FOUND -> respondText(ctx, HttpResponseStatus.NOT_FOUND, "Not Found");
            case RECOVER, PUBLISH, FASTLY_PUBLISH -> checkHead(ctx);
        }
        if (answered) {
            return;
        }
        if (HttpUtil.is100ContinueExpected(req)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        // Grown as the body arrives, up to what was declared (itself at most push_in_http_max_body_size).
        body = ctx.alloc().heapBuffer(Math.min(length, 256), Math.max(length, 1));
    }

    /** Everything a publish path decides from the head: method, Accept, service id, credentials. */
    private void checkHead(ChannelHandlerContext ctx) {
        if (!request.method().equals(HttpMethod.POST)) {
            FullHttpResponse response = textResponse(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "Method not allowed: " + request.method().name() + ".");
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
            send(ctx, response);
            return;
        }
        Boolean wantsJson = AcceptNegotiation.wantsJson(request.headers().getAll(HttpHeaderNames.ACCEPT));
        if (wantsJson == null) {
            respondText(ctx, HttpResponseStatus.NOT_ACCEPTABLE,
                    "Not Acceptable. Supported formats are text/plain and application/json.");
            return;
        }
        if (target.kind() == PublishPaths.Kind.FASTLY_PUBLISH && !auth.serviceIdAccepted(target.serviceId())) {
            respondText(ctx, HttpResponseStatus.NOT_FOUND, "Not Found");
            return;
        }
        String denied = auth.check(request.headers());
        if (denied != null) {
            // Counted (tack_publish_rejected_total), logged at debug: refused publishers must not flood the log.
            log.debug("publish refused from " + ctx.channel().remoteAddress() + ": " + denied);
            metrics.publishRejected(PublishSource.HTTP);
            FullHttpResponse response = textResponse(HttpResponseStatus.UNAUTHORIZED, "Unauthorized: " + denied + ".");
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            send(ctx, response);
            return;
        }
        json = wantsJson;
    }

    /** The whole body is here: publish its items, or run {@code recover}. */
    private void handlePost(ChannelHandlerContext ctx) {
        if (target.kind() == PublishPaths.Kind.RECOVER) {
            service.recover().whenComplete((v, failure) -> answer(ctx, json, "Updated", failure, "nothing was run"));
            return;
        }
        List<PublishItem> items;
        try {
            items = PublishJson.decodeRequest(ByteBufUtil.getBytes(body));
        } catch (PublishFormatException e) {
            log.debug("publish rejected: " + e.getMessage());
            respondText(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // A decoder bug, but caused by this body: the publisher gets a 400, the listener keeps running.
            log.warn("publish body from " + ctx.channel().remoteAddress()
                    + " broke the decoder", e);
            respondText(ctx, HttpResponseStatus.BAD_REQUEST, "Invalid format.");
            return;
        }
        // Answer once the engine has the items: a publisher that waits for each answer then sees its publishes
        // delivered in the order it sent them, whichever event loops (or nodes) its connections land on.
        service.publish(items).whenComplete((v, failure) -> {
            if (failure == null) {
                metrics.published(PublishSource.HTTP, items);
            }
            answer(ctx, json, "Published", failure, "nothing was published");
        });
    }

    /** Answers once the engine has taken the request: success, or 503 while the engine is down. */
    private void answer(ChannelHandlerContext ctx, boolean json, String message, Throwable failure, String lost) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> answer(ctx, json, message, failure, lost));
            return;
        }
        if (failure == null) {
            respondSuccess(ctx, json, message);
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (!(cause instanceof EngineUnavailableException)) {
            log.warn("publish failed on the engine: " + cause);
        }
        respondText(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "Service Unavailable: "
                + (cause instanceof EngineUnavailableException ? cause.getMessage() : "engine error: " + cause)
                + "; " + lost + ". Retry later.");
    }

    private void respondSuccess(ChannelHandlerContext ctx, boolean json, String message) {
        if (json) {
            FullHttpResponse response = response(HttpResponseStatus.OK, "{\"message\": \"" + message + "\"}\n");
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            send(ctx, response);
        } else {
            send(ctx, textResponse(HttpResponseStatus.OK, message));
        }
    }

    private void respondText(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        if (status.code() >= 400) {
            metrics.publishRejected(PublishSource.HTTP);
        }
        send(ctx, textResponse(status, text));
    }

    private static FullHttpResponse textResponse(HttpResponseStatus status, String text) {
        FullHttpResponse response = response(status, text + "\n");
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        return response;
    }

    private static FullHttpResponse response(HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse response) {
        answered = true;
        stopTimer();
        releaseBody();
        if (requestEnded || time == null || !(ctx.channel() instanceof DuplexChannel duplex)) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // Answered before the body ended: close Tack's side and keep reading (and dropping) a little, so the
        // client is not reset before it reads the answer.
        ctx.writeAndFlush(response).addListener(written -> {
            if (written.isSuccess()) {
                duplex.shutdownOutput();
                time.schedule(ctx.executor(), () -> ctx.channel().close(), LINGER_SECONDS, TimeUnit.SECONDS);
            } else {
                ctx.channel().close();
            }
        });
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopTimer();
        releaseBody();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("publish connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        releaseBody();
        ctx.close();
    }
}
