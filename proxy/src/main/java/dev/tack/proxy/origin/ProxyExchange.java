package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.GripInstructionException;
import dev.tack.api.grip.GripInstructionParser;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.Target;
import dev.tack.proxy.session.GripHandoff;
import dev.tack.proxy.session.HoldContext;
import io.netty.buffer.Unpooled;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * One client request proxied to its route's origin, on the client connection's event loop
 * (pushpin-spec §1.1, §1.14.5, §1.15). The request body streams through as it arrives; the origin's
 * response either streams back unchanged or, when it carries GRIP instructions, is buffered (at most
 * {@link #MAX_ACCEPT_BODY} bytes), parsed once and handed to {@link GripHandoff}, which holds the request.
 */
public final class ProxyExchange implements OriginHandler.Listener {

    private static final Logger log = Logger.getLogger(ProxyExchange.class.getName());

    /** Pushpin's {@code MAX_ACCEPT_RESPONSE_BODY} and {@code MAX_ACCEPT_REQUEST_BODY}. */
    static final int MAX_ACCEPT_BODY = 100_000;

    private static final List<String> RESPONSE_HOP_BY_HOP = List.of("connection", "keep-alive",
            "transfer-encoding", "proxy-connection", "te", "trailer", "upgrade");

    private final ProxyEnvironment env;
    private final ChannelHandlerContext client;
    private final ChannelHandlerContext codec;
    private final HttpRequest request;
    private final Route route;
    private final boolean tls;
    private final Runnable onDone;
    private final boolean trusted;
    private final boolean keepAlive;
    /** Body parts that arrive before the origin connection is ready; made only when needed. */
    private ArrayDeque<HttpContent> pendingBody;
    private int targetIndex;
    private Channel origin;
    private boolean originReused;
    private boolean requestComplete;
    private boolean requestSent;
    private long requestBytes;
    private boolean responseStarted;
    private boolean grip;
    private HttpResponse originResponse;
    private CompositeByteBuf gripBody;
    private GripHandoff handoff;
    private boolean finished;
    private boolean awaitingRequestEnd;
    private io.netty.util.concurrent.ScheduledFuture<?> headTimer;

    /**
     * @param codec the client's HTTP codec context (holds write pre-encoded chunks there)
     * @param onDone run when the response is complete and the connection may read its next request
     */
    public ProxyExchange(ProxyEnvironment env, ChannelHandlerContext client, ChannelHandlerContext codec,
            HttpRequest request, Route route, boolean tls, Runnable onDone) {
        this.env = env;
        this.client = client;
        this.codec = codec;
        this.request = request;
        this.route = route;
        this.tls = tls;
        this.onDone = onDone;
        this.trusted = env.signers().trusted(request.headers().get("Grip-Sig"));
        this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    /** Connects to the route's first target (failing over to the next ones) and sends the request head. */
    public void start() {
        Target target = route.targets().get(targetIndex);
        if (target.test()) {
            requestSent = true;
            TestOrigin.Response response = TestOrigin.respond(request, route);
            handleGripOrPlain(response.status(), response.reason(), response.headers(), response.body());
            return;
        }
        Future<Channel> acquired = env.originClient().acquire(client.channel().eventLoop(), target.host(),
                target.port(), target.ssl(), target.insecure());
        acquired.addListener(f -> connected(acquired));
    }

    private void connected(Future<Channel> acquired) {
        if (finished) {
            if (acquired.isSuccess()) {
                acquired.getNow().close();
            }
            return;
        }
        Target target = route.targets().get(targetIndex);
        if (!acquired.isSuccess()) {
            log.info(request.method() + " " + request.uri() + " -> " + target.host() + ":" + target.port()
                    + " connect failed: " + acquired.cause().getMessage());
            if (++targetIndex < route.targets().size()) {
                start();
            } else {
                env.metrics().originError();
                fail(502, "Error while proxying to origin.", "Unable to connect to any targets.");
            }
            return;
        }
        origin = acquired.getNow();
        originReused = Boolean.TRUE.equals(origin.attr(Pooled.KEY).getAndSet(Boolean.TRUE));
        origin.pipeline().get(OriginHandler.class).attach(this);
        String peer = client.channel().remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : null;
        HttpRequest outbound = OriginRequests.build(request, route, trusted ? null : env.signers().sign(route),
                trusted, tls, peer, env.forwarding());
        if (target.hostHeader() != null && !target.hostHeader().isEmpty()) {
            outbound.headers().set(HttpHeaderNames.HOST, target.hostHeader());
        }
        origin.write(outbound);
        requestSent = true;
        long headMillis = env.timings().headMillis();
        cancelHeadTimer();
        headTimer = client.executor().schedule(() -> {
            if (!finished && originResponse == null) {
                env.metrics().originError();
                abandonOrigin();
                fail(502, "Error while proxying to origin.", "no response from origin within " + headMillis + " ms");
            }
        }, headMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        HttpContent pending;
        while (pendingBody != null && (pending = pendingBody.poll()) != null) {
            origin.write(pending);
        }
        origin.flush();
        if (!requestComplete) {
            client.channel().config().setAutoRead(origin.isWritable());
        }
    }

    /** A part of the client's request body; ownership passes to the exchange. */
    public void clientContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            // A broken chunked request body: the origin must not take what arrived as the whole body.
            log.info(request.method() + " " + request.uri() + ": bad request body from "
                    + client.channel().remoteAddress() + ": " + content.decoderResult().cause().getMessage());
            content.release();
            abandonOrigin();
            finished = true;
            releaseBuffers();
            client.close();
            return;
        }
        requestBytes += content.content().readableBytes();
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (finished || handoff != null || requestSent && origin == null) {
            content.release();
            if (requestComplete && awaitingRequestEnd) {
                awaitingRequestEnd = false;
                onDone.run();
            }
            return;
        }
        if (origin == null) {
            if (pendingBody == null) {
                pendingBody = new ArrayDeque<>(2);
            }
            pendingBody.add(content);
            client.channel().config().setAutoRead(false);
            return;
        }
        origin.writeAndFlush(content);
        if (!origin.isWritable()) {
            client.channel().config().setAutoRead(false);
        }
    }

    /** The client connection closed; ends whatever is in progress. */
    public void clientClosed() {
        if (handoff != null) {
            handoff.clientClosed();
        }
        abandonOrigin();
        finished = true;
        releaseBuffers();
    }

    public void clientWritabilityChanged() {
        if (handoff != null) {
            handoff.writabilityChanged();
        } else if (origin != null && responseStarted && !grip) {
            origin.config().setAutoRead(client.channel().isWritable());
        }
    }

    @Override
    public void originWritabilityChanged() {
        if (!requestComplete && origin != null) {
            client.channel().config().setAutoRead(origin.isWritable());
        }
    }

    @Override
    public void originRead(Object msg) {
        try {
            if (finished) {
                return;
            }
            if (msg instanceof HttpResponse response) {
                if (response.decoderResult().isFailure()) {
                    env.metrics().originError();
                    abandonOrigin();
                    fail(502, "Error while proxying to origin.", "bad response: " + response.decoderResult().cause());
                    return;
                }
                responseHead(response);
            }
            if (msg instanceof HttpContent content) {
                responseContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void responseHead(HttpResponse response) {
        cancelHeadTimer();
        originResponse = response;
        grip = !route.noGrip() && !trusted && GripInstructionParser.isGripResponse(headersOf(response));
        if (grip) {
            gripBody = client.alloc().compositeBuffer();
            return;
        }
        responseStarted = true;
        logRequest("code=" + response.status().code());
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status());
        for (var entry : response.headers()) {
            if (!RESPONSE_HOP_BY_HOP.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                head.headers().add(entry.getKey(), entry.getValue());
            }
        }
        boolean bodyless = request.method().equals(HttpMethod.HEAD) || response.status().code() == 204
                || response.status().code() == 304;
        if (!bodyless && !head.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!keepAlive) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        client.write(head);
    }

    private void responseContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            // A broken chunked body: never pass a truncated body on as complete, never pool the connection.
            env.metrics().originError();
            abandonOrigin();
            fail(502, "Error while proxying to origin.", "bad response body from origin: "
                    + content.decoderResult().cause().getMessage());
            return;
        }
        if (grip) {
            if (gripBody.readableBytes() + content.content().readableBytes() > MAX_ACCEPT_BODY) {
                env.metrics().originError();
                abandonOrigin();
                fail(502, "Error while proxying to origin.", "GRIP instruct response too large from origin");
                return;
            }
            gripBody.addComponent(true, content.content().retain());
            if (content instanceof LastHttpContent) {
                originDone();
                byte[] body = ByteBufUtil.getBytes(gripBody);
                gripBody.release();
                gripBody = null;
                handleGripOrPlain(originResponse.status().code(), originResponse.status().reasonPhrase(),
                        headersOf(originResponse), body);
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        client.write(last ? new io.netty.handler.codec.http.DefaultLastHttpContent(content.content().retain())
                : content.retain());
        client.flush();
        if (!client.channel().isWritable()) {
            origin.config().setAutoRead(false);
        }
        if (last) {
            originDone();
            complete();
        }
    }

    /** Handles a complete origin response (or the built-in test target's): GRIP or passed through. */
    private void handleGripOrPlain(int status, String reason, List<Header> headers, byte[] body) {
        if (route.noGrip() || trusted || !GripInstructionParser.isGripResponse(headers)) {
            logRequest("code=" + status + " " + body.length);
            client.writeAndFlush(dev.tack.proxy.session.Responses.full(status, reason, withoutHopByHop(headers), body));
            complete();
            return;
        }
        if (requestBytes > MAX_ACCEPT_BODY) {
            fail(400, "Request too large to accept GRIP instruct.", "request body of " + requestBytes + " bytes");
            return;
        }
        GripInstruction instruction;
        try {
            instruction = GripInstructionParser.parse(status, reason, headers, body);
        } catch (GripInstructionException e) {
            env.metrics().originError();
            log.warning(request.method() + " " + request.uri() + " route=" + route.id()
                    + ": Failed to parse accept instructions: " + e.getMessage());
            fail(502, "Error while proxying to origin.", "Failed to parse accept instructions: " + e.getMessage());
            return;
        }
        // From here the session owns the connection: what the exchange kept of the request and of the origin's
        // answer is no longer needed, and a held connection should cost as little memory as it can.
        request.headers().clear();
        originResponse = null;
        HoldContext context = new HoldContext(client, codec, env.registry().shard(client.executor()), env.metrics(),
                env.outboxMax(), this::complete);
        List<String> channels = channelsFor(instruction);
        logRequest("code=" + instruction.status() + " accept" + (instruction.hold() == null ? ""
                : " hold=" + instruction.hold().name().toLowerCase(Locale.ROOT) + " channels=" + channels));
        handoff = new GripHandoff(context, instruction, channels);
        handoff.start();
    }

    /**
     * The channels to subscribe: the instruction's, with the route's {@code prefix}, cut to {@code
     * connection_subscription_max} (pushpin-spec §1.4), plus the target's implicit {@code sub=} channels.
     */
    private List<String> channelsFor(GripInstruction instruction) {
        List<String> channels = new ArrayList<>();
        String prefix = route.channelPrefix() == null ? "" : route.channelPrefix();
        for (var channel : instruction.channels()) {
            if (channels.size() >= env.subscriptionMax()) {
                log.fine("too many subscriptions, ignoring channel " + channel.name());
                break;
            }
            channels.add(prefix + channel.name());
        }
        for (String implicit : route.targets().get(targetIndex).subscriptions()) {
            if (!channels.contains(prefix + implicit)) {
                channels.add(prefix + implicit);
            }
        }
        return channels;
    }

    private static List<Header> withoutHopByHop(List<Header> headers) {
        List<Header> kept = new ArrayList<>(headers.size());
        for (Header header : headers) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!RESPONSE_HOP_BY_HOP.contains(name) && !name.equals("content-length")) {
                kept.add(header);
            }
        }
        return kept;
    }

    static List<Header> headersOf(HttpResponse response) {
        List<Header> headers = new ArrayList<>(response.headers().size());
        for (var entry : response.headers()) {
            headers.add(new Header(entry.getKey(), entry.getValue()));
        }
        return headers;
    }

    /** The origin sent its whole response: its connection goes back to the pool when it can be reused. */
    private void originDone() {
        if (origin == null) {
            return;
        }
        Channel done = origin;
        origin = null;
        done.pipeline().get(OriginHandler.class).detach();
        done.config().setAutoRead(true);
        Target target = route.targets().get(targetIndex);
        if (requestComplete && HttpUtil.isKeepAlive(originResponse)) {
            env.originClient().release(done, target.host(), target.port(), target.ssl());
        } else {
            done.close();
        }
    }

    @Override
    public void originInactive() {
        origin = null;
        if (finished) {
            return;
        }
        if (!responseStarted && originResponse == null && originReused && request.method().equals(HttpMethod.GET)
                && requestComplete) {
            // A pooled connection the origin had already closed: send the request again on a new one.
            originReused = false;
            start();
            return;
        }
        env.metrics().originError();
        if (responseStarted) {
            finished = true;
            client.close();
        } else {
            fail(502, "Error while proxying to origin.", "origin closed the connection before responding");
        }
    }

    @Override
    public void originFailed(Throwable cause) {
        log.info(request.method() + " " + request.uri() + " origin failed: " + cause);
        originInactive();
    }

    private void fail(int status, String text, String detail) {
        if (finished) {
            return;
        }
        finished = true;
        releaseBuffers();
        logRequest("code=" + status + " error: " + detail);
        if (responseStarted) {
            client.close();
            return;
        }
        String body = text + "\n" + (env.debug() || route.debug() ? detail + "\n" : "");
        if (status == 502 && detail.startsWith("Failed to parse accept instructions")) {
            body = text + "\n" + detail + "\n";
        }
        var response = dev.tack.proxy.session.Responses.full(status, reasonFor(status),
                List.of(new Header("Content-Type", "text/plain")), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        client.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** Pushpin's request log line (pushpin-spec §5.6), at debug level: {@code GET /x -> host:port code=200 12}. */
    private void logRequest(String outcome) {
        if (log.isLoggable(java.util.logging.Level.FINE)) {
            Target target = route.targets().get(targetIndex);
            log.fine(request.method() + " " + request.uri() + " -> " + (target.test() ? "test"
                    : target.host() + ":" + target.port()) + " route=" + route.id() + " " + outcome);
        }
    }

    private static String reasonFor(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 411 -> "Length Required";
            default -> "Bad Gateway";
        };
    }

    private void complete() {
        if (finished) {
            return;
        }
        finished = true;
        releaseBuffers();
        if (!keepAlive) {
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (requestComplete) {
            onDone.run();
        } else {
            // The response went out before the request body ended: read (and drop) the rest first.
            awaitingRequestEnd = true;
            client.channel().config().setAutoRead(true);
        }
    }

    private void abandonOrigin() {
        OriginHandler.abandon(origin);
        origin = null;
    }

    private void cancelHeadTimer() {
        if (headTimer != null) {
            headTimer.cancel(false);
            headTimer = null;
        }
    }

    private void releaseBuffers() {
        cancelHeadTimer();
        HttpContent pending;
        while (pendingBody != null && (pending = pendingBody.poll()) != null) {
            pending.release();
        }
        if (gripBody != null) {
            gripBody.release();
            gripBody = null;
        }
    }
}
