package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.proxy.log.ConnectionLog;
import dev.tack.proxy.metrics.DropReason;
import dev.tack.proxy.metrics.OriginKind;
import dev.tack.proxy.origin.OriginCall;
import dev.tack.proxy.origin.OriginCallHandler;
import dev.tack.proxy.origin.OriginFailure;
import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.origin.OriginResponse;
import dev.tack.proxy.route.Route;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
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
 */
public final class ProxySession implements OriginCallHandler {

    private static final Logger log = LoggerFactory.getLogger(ProxySession.class);

    /** Where the session is; each phase says who writes to the client. */
    private enum Phase {
        /** Waiting for the origin's final response head. */
        REQUESTING,
        /** Relaying a plain response's body. */
        RELAYING,
        /** Buffering a GRIP response's body. */
        ACCEPTING,
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
    private final HttpRequest request;
    private final Route route;
    private final boolean tls;
    private final Runnable onDone;
    private final boolean trusted;
    private final boolean keepAlive;
    private Phase phase = Phase.REQUESTING;
    private OriginCall call;
    private ResponseRelay relay;
    private GripHandoff handoff;
    private boolean requestComplete;
    private long requestBytes;

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
        this.route = route;
        this.tls = tls;
        this.onDone = onDone;
        this.trusted = env.origin().trusts(request.headers().get("Grip-Sig"));
        this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    /** Sends the request head to the route's origin; the body follows through {@link #clientContent}. */
    public void start() {
        String peer = client.channel().remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : null;
        OriginRequest outbound = env.origin().requestFor(request, route, trusted, tls, peer,
                OriginRequest.Policy.proxied(env.origin().timings()));
        call = env.origin().call(client.channel().eventLoop(), outbound, this);
        call.start();
    }

    /** A part of the client's request body; ownership passes to the session. */
    public void clientContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            // A broken chunked request body: the origin must not take what arrived as the whole body.
            ConnectionLog.at(log, Level.INFO, client.channel(), route.id()).log("{} {}: bad request body from {}: {}",
                    request.method(), request.uri(), client.channel().remoteAddress(),
                    content.decoderResult().cause().getMessage());
            content.release();
            if (phase == Phase.REQUESTING || phase == Phase.ACCEPTING) {
                // Nothing went to the client yet: it is told why (docs/reliability.md "Protocol errors").
                fail(400, "Bad request: malformed request body.", content.decoderResult().cause().getMessage(), true);
            } else {
                end();
                client.close();
            }
            return;
        }
        requestBytes += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        requestComplete |= last;
        switch (phase) {
            case REQUESTING, RELAYING, ACCEPTING -> call.send(content);
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
        } else if (phase == Phase.RELAYING) {
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
            return OriginCallHandler.Body.BUFFER;
        }
        phase = Phase.RELAYING;
        logRequest("code=" + head.status().code());
        relay = new ResponseRelay(client, request.method(), keepAlive);
        relay.head(head);
        return OriginCallHandler.Body.STREAM;
    }

    @Override
    public void content(HttpContent part) {
        boolean writable = relay.content(part);
        if (part instanceof LastHttpContent) {
            complete();
        } else if (!writable) {
            call.readResponse(false);
        }
    }

    @Override
    public void response(OriginResponse response) {
        GripAccept.Outcome outcome = GripAccept.accept(response, route, requestBytes,
                response.target().subscriptions(), env.subscriptionMax());
        if (outcome instanceof GripAccept.Refused refused) {
            if (refused.status() == 502) {
                env.metrics().originError(route.id(), OriginKind.HTTP, dev.tack.proxy.metrics.OriginFailure.BAD_GRIP);
                ConnectionLog.debug(log, client.channel(), route.id()).log("{} {}: {}", request.method(), request.uri(),
                        refused.detail());
            }
            fail(refused.status(), refused.text(), refused.detail(), refused.alwaysShown());
            return;
        }
        GripAccept.Accepted accepted = (GripAccept.Accepted) outcome;
        // From here the hold owns the connection: what the session kept of the request is no longer needed, and
        // a held connection should cost as little memory as it can.
        request.headers().clear();
        phase = Phase.HOLDING;
        HoldContext context = new HoldContext(client, codec, env.registry().shard(client.executor()), env.metrics(),
                env.outbox(), env.time(), this::complete);
        var instruction = accepted.instruction();
        if (instruction.channels().size() > env.subscriptionMax()) {
            env.metrics().dropped(DropReason.SUBSCRIPTION_LIMIT, instruction.channels().size() - env.subscriptionMax());
        }
        logRequest("code=" + instruction.status() + " accept" + (instruction.hold() == null ? ""
                : " hold=" + instruction.hold().name().toLowerCase(Locale.ROOT) + " channels=" + accepted.channels()));
        handoff = new GripHandoff(context, instruction, accepted.channels());
        handoff.start();
    }

    @Override
    public void failed(OriginFailure failure) {
        String text = failure.kind() == OriginFailure.Kind.TOO_LARGE && phase == Phase.ACCEPTING
                ? "GRIP instruct response too large from " + failure.tried().get(failure.tried().size() - 1)
                : failure.describe();
        fail(502, "Error while proxying to origin.", text, false);
    }

    @Override
    public void requestWritable(boolean writable) {
        if (!requestComplete) {
            client.channel().config().setAutoRead(writable);
        }
    }

    // ---- ending ----

    private void fail(int status, String text, String detail, boolean alwaysShown) {
        if (phase == Phase.DONE) {
            return;
        }
        boolean headSent = phase == Phase.RELAYING;
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

    /** Pushpin's request log line (docs/compatibility.md "Logs"), at debug level: {@code GET /x -> host:port code=200}. */
    private void logRequest(String outcome) {
        ConnectionLog.debug(log, client.channel(), route.id()).log("{} {} -> {} {}", request.method(), request.uri(),
                route.targets(), outcome);
    }
}
