package dev.tack.proxy.origin;

import dev.tack.proxy.route.Target;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call to an origin, start to end, on the caller's event loop: takes a pooled connection or makes one, fails
 * over to the route's next target while connecting fails (then waits and tries again as the request's {@link
 * OriginRequest.Policy} allows, see {@link Failover}), sends the request again on a fresh connection when a pooled
 * one turns out to be stale, skips interim {@code 1xx} answers, times the head and a buffered body, bounds a
 * buffered body, and gives the connection back to the pool only once the final response is complete. Every report
 * goes to its {@link OriginCallHandler} on that loop.
 *
 * <p>Most callers want the whole answer and use {@link Origin#fetch}. A caller that relays a body as it arrives
 * (a proxied request) or streams its request body uses a call directly:
 * <pre>
 * OriginCall call = origin.call(loop, request, handler);  // nothing happens yet
 * call.start();
 * call.send(content);            // request body parts, when the request is streamed
 * call.readResponse(false);      // pauses a streamed response while the client is slow
 * call.cancel();                 // the caller's client went away
 * </pre>
 * The built-in {@code test} target answers inside the call, without a connection.
 *
 * <p>Longer than most classes on purpose: this is the one state machine every origin request goes through, and
 * its phases read best together. What stands apart does: the failover schedule ({@link Failover}), the wire forms
 * ({@link OriginWire}), the pool ({@link OriginPool}).
 */
public final class OriginCall implements ConnectionHandler.Listener {

    private static final Logger log = LoggerFactory.getLogger(OriginCall.class);

    private enum Phase { CONNECTING, WAITING_TO_RETRY, AWAITING_HEAD, STREAMING, BUFFERING, DONE }

    private final Origin origin;
    private final EventLoop loop;
    private final OriginRequest request;
    private final OriginCallHandler handler;
    private final Failover failover;
    private Phase phase = Phase.CONNECTING;
    private long startedNanos;
    private Target target;
    private Channel connection;
    /** The pool's answer while the call waits for a connection; cancelled if the call ends first. */
    private Future<Channel> acquiring;
    private boolean reused;
    private boolean requestComplete;
    /** Whether the current connection got the end of a streamed body. */
    private boolean endSent;
    private long streamedBytes;
    /** Request body parts that arrive before a connection is ready; made only when needed. */
    private ArrayDeque<HttpContent> pendingBody;
    private boolean skippingInterim;
    private HttpResponse head;
    private CompositeByteBuf buffered;
    private Future<?> timer;

    OriginCall(Origin origin, EventLoop loop, OriginRequest request, OriginCallHandler handler) {
        this.origin = origin;
        this.loop = loop;
        this.request = request;
        this.handler = handler;
        this.failover = new Failover(request.targets(), request.policy());
        this.requestComplete = !request.streamed();
    }

    /** Sends the request; call once, on the loop the call was made for. */
    public void start() {
        assert loop.inEventLoop();
        startedNanos = origin.time().nanoTime(loop);
        connect();
    }

    /** A part of a streamed request body; ownership passes to the call. A {@link LastHttpContent} ends the body. */
    public void send(HttpContent part) {
        if (part instanceof LastHttpContent) {
            requestComplete = true;
        }
        streamedBytes += part.content().readableBytes();
        if (phase == Phase.DONE) {
            part.release();
            return;
        }
        if (connection == null) {
            if (pendingBody == null) {
                pendingBody = new ArrayDeque<>(2);
            }
            pendingBody.add(part);
            handler.requestWritable(false);
            return;
        }
        endSent |= part instanceof LastHttpContent;
        connection.writeAndFlush(part);
        if (!connection.isWritable()) {
            handler.requestWritable(false);
        }
    }

    /** Pauses ({@code false}) or resumes reading a streamed response, e.g. while the caller's client is slow. */
    public void readResponse(boolean read) {
        if (connection != null) {
            connection.config().setAutoRead(read);
        }
    }

    /** The target the call is talking to (or last tried). */
    public Target target() {
        return target;
    }

    /** Ends the call at once: the connection is closed (never pooled) and the handler hears nothing more. */
    public void cancel() {
        if (phase != Phase.DONE) {
            phase = Phase.DONE;
            cleanUp();
        }
    }

    private void connect() {
        target = failover.current();
        phase = Phase.CONNECTING;
        if (target.test()) {
            // The built-in test target answers here and now, as an origin would.
            phase = Phase.DONE;
            cleanUp();
            BuiltinTestTarget.answer(request, target, handler);
            return;
        }
        Target attempt = target;
        acquiring = origin.pool().acquire(loop, attempt);
        acquiring.addListener(f -> {
            @SuppressWarnings("unchecked")
            Future<Channel> acquired = (Future<Channel>) f;
            connected(acquired, attempt);
        });
    }

    private void connected(Future<Channel> acquired, Target attempt) {
        if (phase == Phase.DONE) {
            if (acquired.isSuccess()) {
                // Unused: the next call waiting for this target takes it.
                origin.pool().release(acquired.getNow(), attempt);
            }
            return;
        }
        if (!acquired.isSuccess()) {
            unreachable(attempt, acquired.cause());
            return;
        }
        connection = acquired.getNow();
        reused = OriginPool.markUsed(connection);
        connection.pipeline().get(ConnectionHandler.class).attach(this);
        connection.write(OriginWire.request(request, attempt, origin.signers()));
        endSent = false;
        HttpContent pending;
        while (pendingBody != null && (pending = pendingBody.poll()) != null) {
            endSent |= pending instanceof LastHttpContent;
            connection.write(pending);
        }
        if (request.streamed() && requestComplete && !endSent) {
            // Sent again after a stale connection: the (empty) body's end went with the first attempt.
            connection.write(LastHttpContent.EMPTY_LAST_CONTENT);
            endSent = true;
        }
        connection.flush();
        phase = Phase.AWAITING_HEAD;
        arm(request.policy().headMillis(), () -> fail(OriginFailure.Kind.TIMEOUT, "no response within "
                + request.policy().headMillis() + " ms"));
        if (!requestComplete) {
            handler.requestWritable(connection.isWritable());
        }
    }

    /** Connecting failed: the next target, else another round after a delay, else the end. */
    private void unreachable(Target attempt, Throwable cause) {
        log.info(request.method() + " " + request.uri() + " -> " + attempt + " connect failed: " + cause.getMessage());
        long delay = failover.failed(cause);
        if (delay == Failover.GIVE_UP) {
            fail(OriginFailure.Kind.UNREACHABLE, failover.lastError());
        } else if (delay == 0) {
            connect();
        } else {
            log.info(request.method() + " " + request.uri() + ": no target reachable; retrying in " + delay + " ms");
            phase = Phase.WAITING_TO_RETRY;
            arm(delay, this::connect);
        }
    }

    @Override
    public void originRead(Object msg) {
        try {
            if (phase == Phase.DONE) {
                return;
            }
            if (msg instanceof HttpResponse response) {
                responseHead(response);
            }
            if (msg instanceof HttpContent content && phase != Phase.DONE) {
                responseContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void responseHead(HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            fail(OriginFailure.Kind.MALFORMED, "bad response: " + response.decoderResult().cause().getMessage());
            return;
        }
        int code = response.status().code();
        if (code >= 100 && code < 200 && !(code == 101 && request.upgrade())) {
            if (code == 101) {
                fail(OriginFailure.Kind.MALFORMED, "101 Switching Protocols to a request that asked for no upgrade");
                return;
            }
            // 102 Processing, 103 Early Hints: the final response is still to come on this connection.
            log.debug(request.method() + " " + request.uri() + ": skipping interim " + response.status());
            skippingInterim = true;
            return;
        }
        skippingInterim = false;
        head = response;
        cancelTimer();
        origin.metrics().originRequest(request.route().id(), request.policy().kind(),
                origin.time().nanoTime(loop) - startedNanos);
        OriginCallHandler.Body body = code == 101 ? OriginCallHandler.Body.BUFFER : handler.head(response);
        if (phase == Phase.DONE) {
            return;
        }
        if (body == OriginCallHandler.Body.STREAM) {
            phase = Phase.STREAMING;
            return;
        }
        phase = Phase.BUFFERING;
        buffered = connection.alloc().compositeBuffer();
        arm(request.policy().bodyMillis(), () -> fail(OriginFailure.Kind.TIMEOUT, "response body not complete within "
                + request.policy().bodyMillis() + " ms" + progress()));
    }

    private void responseContent(HttpContent content) {
        if (skippingInterim || phase != Phase.STREAMING && phase != Phase.BUFFERING) {
            // The empty end of an interim answer; anything else here is the origin talking out of turn.
            skippingInterim = skippingInterim && !(content instanceof LastHttpContent);
            return;
        }
        if (content.decoderResult().isFailure()) {
            // Never pass a truncated body on as complete, never pool the connection.
            fail(OriginFailure.Kind.MALFORMED, "bad response body: " + content.decoderResult().cause().getMessage());
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (phase == Phase.STREAMING) {
            if (last) {
                finishConnection();
                phase = Phase.DONE;
            }
            handler.content(content);
            return;
        }
        int max = request.policy().maxBufferedBytes();
        if (buffered.readableBytes() + content.content().readableBytes() > max) {
            cancelTimer();
            if (handler.overflow(buffered) && phase == Phase.BUFFERING) {
                // The handler streams the rest: no body deadline from here, as for any streamed body.
                buffered.release();
                buffered = null;
                phase = Phase.STREAMING;
                responseContent(content);
                return;
            }
            fail(OriginFailure.Kind.TOO_LARGE, "response body over " + max + " bytes");
            return;
        }
        buffered.addComponent(true, content.content().retain());
        if (last) {
            buffered();
        }
    }

    private void buffered() {
        cancelTimer();
        byte[] body = ByteBufUtil.getBytes(buffered);
        buffered.release();
        buffered = null;
        HttpResponse answer = head;
        phase = Phase.DONE;
        if (answer.status().code() == 101) {
            Channel upgraded = connection;
            connection = null;
            upgraded.pipeline().get(ConnectionHandler.class).detach();
            handler.upgraded(upgraded, new DefaultFullHttpResponse(answer.protocolVersion(), answer.status(),
                    Unpooled.EMPTY_BUFFER, answer.headers(), EmptyHttpHeaders.INSTANCE));
            return;
        }
        finishConnection();
        handler.response(new OriginResponse(answer.status().code(), answer.status().reasonPhrase(),
                OriginWire.headers(answer), body, target));
    }

    /** The final response is complete: its connection goes back to the pool when it can be reused. */
    private void finishConnection() {
        cancelTimer();
        Channel done = connection;
        connection = null;
        if (done == null) {
            return;
        }
        done.pipeline().get(ConnectionHandler.class).detach();
        done.config().setAutoRead(true);
        if (requestComplete && HttpUtil.isKeepAlive(head)) {
            origin.pool().release(done, target);
        } else {
            done.close();
        }
    }

    @Override
    public void originInactive() {
        connection = null;
        if (phase == Phase.DONE) {
            return;
        }
        if (phase == Phase.AWAITING_HEAD && reused && replayable()) {
            // A pooled connection the origin had already closed (its keep-alive timeout raced the request): the
            // origin never answered, so the request goes again on another connection.
            log.debug(request.method() + " " + request.uri() + ": pooled connection was stale; sending again");
            cancelTimer();
            connect();
            return;
        }
        fail(OriginFailure.Kind.CLOSED, "origin closed the connection before "
                + (head == null ? "responding" : "its response was complete" + progress()));
    }

    @Override
    public void originFailed(Throwable cause) {
        log.debug(request.method() + " " + request.uri() + ": origin connection failed: " + cause);
        originInactive();
    }

    @Override
    public void originWritabilityChanged() {
        if (!requestComplete && connection != null) {
            handler.requestWritable(connection.isWritable());
        }
    }

    /** Whether the request can go again: its body is held whole, or it is a bodiless GET or HEAD. */
    private boolean replayable() {
        return !request.streamed() || requestComplete && streamedBytes == 0
                && (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD));
    }

    private void fail(OriginFailure.Kind kind, String detail) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        cleanUp();
        origin.metrics().originError(request.route().id(), request.policy().kind(), switch (kind) {
            case UNREACHABLE -> dev.tack.proxy.metrics.OriginFailure.CONNECT;
            case TIMEOUT -> dev.tack.proxy.metrics.OriginFailure.TIMEOUT;
            case TOO_LARGE, MALFORMED, CLOSED -> dev.tack.proxy.metrics.OriginFailure.BAD_RESPONSE;
        });
        handler.failed(new OriginFailure(kind, detail, failover.tried()));
    }

    private void cleanUp() {
        cancelTimer();
        if (acquiring != null) {
            // A call still waiting for a connection leaves the pool's queue (a no-op once it has one).
            acquiring.cancel(false);
            acquiring = null;
        }
        ConnectionHandler.abandon(connection);
        connection = null;
        HttpContent pending;
        while (pendingBody != null && (pending = pendingBody.poll()) != null) {
            pending.release();
        }
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }

    private String progress() {
        if (head == null) {
            return " (no response head)";
        }
        String declared = head.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        return " (status " + head.status().code() + (declared == null ? "" : ", Content-Length " + declared) + ", "
                + (buffered == null ? 0 : buffered.readableBytes()) + " body bytes received)";
    }

    private void arm(long millis, Runnable task) {
        cancelTimer();
        timer = origin.time().schedule(loop, () -> {
            timer = null;
            if (phase != Phase.DONE) {
                task.run();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
