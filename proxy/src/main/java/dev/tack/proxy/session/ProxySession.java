package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.proxy.history.Resume;
import dev.tack.proxy.history.ResumeRequest;
import dev.tack.proxy.log.ConnectionLog;
import dev.tack.proxy.metrics.DropReason;
import dev.tack.proxy.metrics.OriginKind;
import dev.tack.proxy.origin.OriginCall;
import dev.tack.proxy.origin.OriginCallHandler;
import dev.tack.proxy.origin.OriginFailure;
import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.origin.OriginResponse;
import dev.tack.proxy.route.Route;
import dev.tack.api.grip.HoldMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One client request proxied to its route's origin (Pushpin's {@code proxysession.cpp}), on the client
 * connection's event loop, from the request head until the connection may take its next request. The request body
 * streams to the origin through one {@link OriginCall}; the answer either streams back unchanged ({@link
 * ResponseRelay}) or, when it carries GRIP instructions, is buffered, accepted ({@link GripAccept}) and handed to
 * a hold ({@link GripHandoff}), which then owns the response. Where the session is, is one {@link Phase}.
 *
 * <p>Longer than most classes: the request's phases (head, streamed body, the origin's answer, relay or hand-off,
 * the next request on the connection) share the connection's state and read best as one state machine; what stands
 * apart does ({@link ResponseRelay}, {@link GripAccept}, {@link GripHandoff}).
 */
public final class ProxySession implements OriginCallHandler {

    private static final Logger log = LoggerFactory.getLogger(ProxySession.class);
    /** Pushpin's number for debug, the level of the request log line. */
    private static final int DEBUG_LEVEL = 3;

    /** Where the session is; each phase says who writes to the client. */
    private enum Phase {
        /** Waiting for the origin's final response head. */
        REQUESTING,
        /** Relaying a plain response's body. */
        RELAYING,
        /** Buffering a GRIP response's body. */
        ACCEPTING,
        /** A stream hold's body too large to buffer goes to the client as it arrives; the hold starts after it. */
        ACCEPT_STREAMING,
        /** A hold (or the instruction's own response) owns the client. */
        HOLDING,
        /** The response is out; the rest of the request body is read and dropped. */
        DRAINING,
        /** Nothing more to do (also after an error or the client leaving). */
        DONE
    }

    private final ProxyEnvironment env;
    private final ChannelHandlerContext client;
    private final ChannelHandlerContext codec;
    /** The client's request head until a hold takes the connection; what the log lines need is kept apart. */
    private HttpRequest request;
    private final HttpMethod method;
    private final String uri;
    private final Route route;
    private final boolean tls;
    private final Runnable onDone;
    private final boolean trusted;
    private final boolean keepAlive;
    /** For the request log line ({@code log_user_agent}); kept apart since a hold lets go of the request. */
    private final String userAgent;
    private Phase phase = Phase.REQUESTING;
    private OriginCall call;
    private ResponseRelay relay;
    /** The head of the GRIP response being accepted, kept until its body is complete. */
    private HttpResponse acceptHead;
    private GripHandoff handoff;
    private boolean requestComplete;
    private long requestBytes;
    /** What the client asks to get back from channel history (docs/history.md), read at the first accept. */
    private ResumeRequest resumeRequest;
    /** What went to the origin, and a copy of the request body, kept so a long-poll can ask again (Pushpin's retry). */
    private OriginRequest outbound;
    private ByteArrayOutputStream bodyCopy = new ByteArrayOutputStream(0);
    /** The client's request as an absolute URI, made when a GRIP answer is first accepted. */
    private String requestUri;
    /** Whether the request went to the origin again (a long-poll re-synced). */
    private boolean askedAgain;

    /**
     * @param codec the client's HTTP codec context (holds write pre-encoded chunks there)
     * @param onDone run when the response is complete and the connection may read its next request
     */
    public ProxySession(ProxyEnvironment env, ChannelHandlerContext client, ChannelHandlerContext codec,
            HttpRequest request, Route route, boolean tls, Runnable onDone) {
        this.env = env;
        this.client = client;
        this.codec = codec;
        this.request = request;
        this.method = request.method();
        this.uri = request.uri();
        this.route = route;
        this.tls = tls;
        this.onDone = onDone;
        this.trusted = env.origin().trusts(request.headers().get("Grip-Sig"));
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.userAgent = env.logUserAgent() ? request.headers().get(HttpHeaderNames.USER_AGENT) : null;
    }

    /** Sends the request head to the route's origin; the body follows through {@link #clientContent}. */
    public void start() {
        String peer = client.channel().remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : null;
        outbound = env.origin().requestFor(request, route, trusted, tls, peer,
                OriginRequest.Policy.proxied(env.origin().timings()));
        call = env.origin().call(client.channel().eventLoop(), outbound, this);
        call.start();
    }

    /** A part of the client's request body; ownership passes to the session. */
    public void clientContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            // A broken chunked request body: the origin must not take what arrived as the whole body.
            ConnectionLog.at(log, Level.INFO, client.channel(), route.id()).log("{} {}: bad request body from {}: {}",
                    method, uri, client.channel().remoteAddress(),
                    content.decoderResult().cause().getMessage());
            content.release();
            if (phase == Phase.REQUESTING || phase == Phase.ACCEPTING) {
                // Nothing went to the client yet: it is told why (docs/reliability.md "Protocol errors").
                fail(400, "Bad request: malformed request body.", "Bad request: malformed request body ("
                        + content.decoderResult().cause().getMessage() + ").", true);
            } else {
                end();
                client.close();
            }
            return;
        }
        requestBytes += content.content().readableBytes();
        keepCopy(content);
        boolean last = content instanceof LastHttpContent;
        requestComplete |= last;
        switch (phase) {
            case REQUESTING, RELAYING, ACCEPTING, ACCEPT_STREAMING -> call.send(content);
            case DRAINING -> {
                content.release();
                if (last) {
                    phase = Phase.DONE;
                    onDone.run();
                }
            }
            default -> content.release();
        }
    }

    /** The client connection closed; ends whatever is in progress. */
    public void clientClosed() {
        if (handoff != null) {
            handoff.clientClosed();
        }
        end();
    }

    /**
     * Tack is shutting down ({@link GoingAway}): a hold ends its response now; a request still on its way to or from
     * the origin finishes as usual. Either way {@code onDone} follows, and the connection then closes.
     */
    public void goingAway() {
        if (phase == Phase.HOLDING && handoff != null) {
            handoff.goingAway();
        }
    }

    public void clientWritabilityChanged() {
        if (phase == Phase.HOLDING && handoff != null) {
            handoff.writabilityChanged();
        } else if (phase == Phase.RELAYING || phase == Phase.ACCEPT_STREAMING) {
            call.readResponse(client.channel().isWritable());
        }
    }

    // ---- the origin call's reports ----

    @Override
    public OriginCallHandler.Body head(HttpResponse head) {
        List<Header> headers = new ArrayList<>(head.headers().size());
        head.headers().forEach(e -> headers.add(new Header(e.getKey(), e.getValue())));
        if (!route.noGrip() && !trusted && GripAccept.isInstruction(headers)) {
            phase = Phase.ACCEPTING;
            acceptHead = head;
            return OriginCallHandler.Body.BUFFER;
        }
        phase = Phase.RELAYING;
        bodyCopy = null;
        logRequest("code=" + head.status().code());
        relay = new ResponseRelay(client, method, keepAlive);
        relay.head(head);
        return OriginCallHandler.Body.STREAM;
    }

    /**
     * A GRIP body over 100,000 bytes: a stream hold's goes to the client as it arrives (its status, headers and
     * body are the stream's start anyway) and the hold starts once it ended, as Pushpin does; any other is a 502.
     */
    @Override
    public boolean overflow(ByteBuf soFar) {
        if (phase != Phase.ACCEPTING || requestBytes > OriginRequest.MAX_ACCEPT_BODY) {
            return false;
        }
        List<Header> headers = new ArrayList<>(acceptHead.headers().size());
        acceptHead.headers().forEach(e -> headers.add(new Header(e.getKey(), e.getValue())));
        var streamable = GripAccept.streamableHead(acceptHead.status().code(), acceptHead.status().reasonPhrase(),
                headers);
        if (streamable.isEmpty()) {
            return false;
        }
        phase = Phase.ACCEPT_STREAMING;
        var instruction = streamable.get();
        CrossOriginHandler.streamFollows(client);
        client.write(Responses.streamHead(instruction.status(), instruction.reason(), instruction.headers()));
        client.write(new DefaultHttpContent(soFar.copy()));
        client.flush();
        return true;
    }

    @Override
    public void content(HttpContent part) {
        if (phase == Phase.ACCEPT_STREAMING) {
            streamInstructionBody(part);
            return;
        }
        boolean writable = relay.content(part);
        if (part instanceof LastHttpContent) {
            complete();
        } else if (!writable) {
            call.readResponse(false);
        }
    }

    private void streamInstructionBody(HttpContent part) {
        if (part.content().isReadable()) {
            client.write(new DefaultHttpContent(part.content().retain()));
        }
        client.flush();
        if (part instanceof LastHttpContent) {
            List<Header> headers = new ArrayList<>(acceptHead.headers().size());
            acceptHead.headers().forEach(e -> headers.add(new Header(e.getKey(), e.getValue())));
            accept(new OriginResponse(acceptHead.status().code(), acceptHead.status().reasonPhrase(), headers,
                    new byte[0], call.target()), true);
        } else if (!client.channel().isWritable()) {
            call.readResponse(false);
        }
    }

    @Override
    public void response(OriginResponse response) {
        accept(response, false);
    }

    /** @param responseSent the response's head and body went out already; the hold only holds */
    private void accept(OriginResponse response, boolean responseSent) {
        acceptHead = null;
        GripAccept.Outcome outcome = GripAccept.accept(response, route, requestBytes,
                response.target().subscriptions(), env.subscriptionMax());
        if (outcome instanceof GripAccept.Refused refused) {
            if (refused.status() == 502) {
                env.metrics().originError(route.id(), OriginKind.HTTP, dev.tack.proxy.metrics.OriginFailure.BAD_GRIP);
                ConnectionLog.debug(log, client.channel(), route.id()).log("{} {}: {}", method, uri,
                        refused.detail());
            }
            fail(refused.status(), refused.text(), refused.detail(), refused.alwaysShown());
            return;
        }
        GripAccept.Accepted accepted = (GripAccept.Accepted) outcome;
        if (requestUri == null) {
            requestUri = HeldRequest.clientUri(request, tls, false, localHost());
        }
        var accepting = accepted.instruction();
        if (resumeRequest == null) {
            // Read before the request's headers are cleared: a long-poll asked again accepts once more.
            resumeRequest = ResumeRequest.of(uri, request.headers().get("Last-Event-ID"));
        }
        Resume resume = env.history().enabled() && accepting.hold() != null
                ? env.history().resume(resumeRequest, accepting, accepted.channels(), client.channel(),
                        CrossOriginHandler.handles(client))
                : Resume.NONE;
        if (!responseSent && (accepting.hold() == HoldMode.STREAM
                || accepting.hold() == null && accepting.nextLink() != null)) {
            // A stream, or a response that continues through next links: written as it goes, so CORS only.
            CrossOriginHandler.streamFollows(client);
        }
        // From here the hold owns the connection: what the session kept of the request is no longer needed, and
        // a held connection should cost as little memory as it can.
        request = null;
        // The call is over (its whole answer is here): letting it go drops the request sent and the answer's head,
        // about 1.7 KB of a held connection's heap (bench/docs/perf-connect.md "Memory").
        call = null;
        phase = Phase.HOLDING;
        var instruction = accepted.instruction();
        if (instruction.hold() != HoldMode.RESPONSE) {
            // Only a long-poll is ever asked again; a stream keeps nothing of the request.
            bodyCopy = null;
            outbound = null;
        }
        HeldRequest held = new HeldRequest(env.grip(), route, requestUri, env.debug() || route.debug(),
                response.target().subscriptions(), env.subscriptionMax(), this::reAsk, askedAgain);
        HoldContext context = new HoldContext(client, codec, env.registry().shard(client.executor()), env.metrics(),
                env.outbox(), env.time(), this::complete, held);
        if (instruction.channels().size() > env.subscriptionMax()) {
            env.metrics().dropped(DropReason.SUBSCRIPTION_LIMIT, instruction.channels().size() - env.subscriptionMax());
        }
        logRequest("code=" + instruction.status() + " accept" + (instruction.hold() == null ? ""
                : " hold=" + instruction.hold().name().toLowerCase(Locale.ROOT) + " channels=" + accepted.channels()));
        handoff = new GripHandoff(context, instruction, accepted.channels(), resume);
        if (responseSent) {
            handoff.responseSent();
        }
        handoff.start();
    }

    @Override
    public void failed(OriginFailure failure) {
        String text = failure.kind() == OriginFailure.Kind.TOO_LARGE && phase == Phase.ACCEPTING
                ? "GRIP instruct response too large from " + failure.tried().get(failure.tried().size() - 1)
                : failure.describe();
        if (failure.kind() == OriginFailure.Kind.UNREACHABLE) {
            ConnectionLog.debug(log, client.channel(), route.id()).log("{} {}: {}", method, uri,
                    failure.logText());
        }
        fail(502, "Error while proxying to origin.", text, false);
    }

    @Override
    public void requestWritable(boolean writable) {
        if (!requestComplete) {
            client.channel().config().setAutoRead(writable);
        }
    }

    // ---- asking again ----

    /** Keeps a copy of a request body part while the whole body stays within what a GRIP answer may follow. */
    private void keepCopy(HttpContent content) {
        if (bodyCopy == null) {
            return;
        }
        if (requestBytes > OriginRequest.MAX_ACCEPT_BODY) {
            bodyCopy = null;
            return;
        }
        try {
            content.content().getBytes(content.content().readerIndex(), bodyCopy, content.content().readableBytes());
        } catch (IOException cannotHappen) {
            bodyCopy = null;
        }
    }

    /**
     * A long-poll lets go of the connection: the client's request goes to the origin again, as it was, with these
     * {@code Grip-Last} headers, and the answer is handled as a new one (docs/compatibility.md "Reliable GRIP").
     */
    private boolean reAsk(List<Header> gripLast) {
        if (phase != Phase.HOLDING || !requestComplete || bodyCopy == null || outbound == null) {
            ConnectionLog.debug(log, client.channel(), route.id()).log("{} {}: cannot ask the origin again ({})",
                    method, uri, requestComplete ? "request not kept" : "request body not read");
            return false;
        }
        List<Header> headers = new ArrayList<>(outbound.headers());
        headers.removeIf(h -> h.is("Grip-Last"));
        headers.addAll(gripLast);
        OriginRequest again = new OriginRequest(outbound.route(), outbound.targets(), outbound.method(), outbound.uri(),
                headers, bodyCopy.toByteArray(), outbound.sign(), false, outbound.policy());
        ConnectionLog.debug(log, client.channel(), route.id()).log("{} {}: asking the origin again {}",
                method, uri, gripLast);
        handoff = null;
        phase = Phase.REQUESTING;
        askedAgain = true;
        call = env.origin().call(client.channel().eventLoop(), again, this);
        call.start();
        return true;
    }

    private String localHost() {
        return client.channel().localAddress() instanceof InetSocketAddress local
                ? (local.getAddress().getHostAddress().contains(":") ? "[" + local.getAddress().getHostAddress() + "]"
                        : local.getAddress().getHostAddress()) + ":" + local.getPort()
                : "localhost";
    }

    // ---- ending ----

    private void fail(int status, String text, String detail, boolean alwaysShown) {
        if (phase == Phase.DONE) {
            return;
        }
        boolean headSent = phase == Phase.RELAYING || phase == Phase.ACCEPT_STREAMING;
        end();
        logRequest("code=" + status + " error: " + detail);
        if (headSent) {
            client.close();
            return;
        }
        boolean shown = alwaysShown || env.debug() || route.debug();
        client.writeAndFlush(Responses.error(status, text, shown ? detail : null)).addListener(ChannelFutureListener.CLOSE);
    }

    /** The response is complete: the connection takes its next request once the request body has ended too. */
    private void complete() {
        if (phase == Phase.DONE || phase == Phase.DRAINING) {
            return;
        }
        if (!keepAlive) {
            phase = Phase.DONE;
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (requestComplete) {
            phase = Phase.DONE;
            onDone.run();
        } else {
            // The response went out before the request body ended: read (and drop) the rest first.
            phase = Phase.DRAINING;
            client.channel().config().setAutoRead(true);
        }
    }

    private void end() {
        phase = Phase.DONE;
        if (call != null) {
            call.cancel();
        }
    }

    /**
     * Pushpin's request log line (docs/compatibility.md "Logs", its {@code logutil.cpp logRequest}), at debug level
     * and only where the route's {@code log_level} allows it: {@code GET /x -> host:port code=200}, with
     * {@code from=<ip>} after the target for {@code log_from} and {@code ua=<agent>} at the end for
     * {@code log_user_agent}.
     */
    private void logRequest(String outcome) {
        if (!route.logsAt(DEBUG_LEVEL) || !log.isDebugEnabled()) {
            return;
        }
        String from = "";
        if (env.logFrom() && client.channel().remoteAddress() instanceof InetSocketAddress address) {
            from = " from=" + address.getAddress().getHostAddress();
        }
        ConnectionLog.debug(log, client.channel(), route.id()).log("{} {} -> {}{} {}{}", method, uri,
                route.targets(), from, outcome, userAgent == null ? "" : " ua=" + userAgent);
    }
}
