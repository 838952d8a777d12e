package dev.tack.proxy.origin;

import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.time.TimeSource;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * The one way Tack calls an origin, built once by the composition root and shared by every event loop. Every
 * caller (a proxied HTTP request, a WebSocket-over-HTTP or passthrough WebSocket, and whatever a held session
 * needs later: next-link fetches, re-requests on {@code hint}, {@code rel=gone} notices, filter checks) describes
 * what to send as an {@link OriginRequest} and gets the answer on its own event loop, with no locks:
 * <pre>
 * origin.fetch(loop, request).addListener(f -&gt; {          // runs on loop
 *     if (f.isSuccess()) { OriginResponse answer = (OriginResponse) f.getNow(); ... }
 *     else { OriginFailure why = ((OriginException) f.cause()).failure(); ... }
 * });
 * </pre>
 * Pooling per loop and target, failover, retries with backoff, stale-connection retry, head and body timers,
 * interim {@code 1xx} answers, body limits and {@code Grip-Sig} all live in {@link OriginCall}; callers keep only
 * what is theirs. See docs/architecture.md "The origin call".
 */
public final class Origin {

    private final OriginPool pool;
    private final Signers signers;
    private final ForwardingPolicy forwarding;
    private final OriginTimings timings;
    private final TackMetrics metrics;
    private final TimeSource time;

    /**
     * @param channelType the socket channel type of origin connections (the server's transport)
     * @param time the source of every origin timer
     */
    public Origin(Class<? extends Channel> channelType, OriginTimings timings, Signers signers,
            ForwardingPolicy forwarding, TackMetrics metrics, TimeSource time) {
        this(channelType, timings, signers, forwarding, metrics, time, OriginPool.DEFAULT_MAX_IDLE);
    }

    /**
     * @param poolMaxIdle {@code [tack] origin_pool_max_idle}: idle connections kept per event loop and target
     */
    public Origin(Class<? extends Channel> channelType, OriginTimings timings, Signers signers,
            ForwardingPolicy forwarding, TackMetrics metrics, TimeSource time, int poolMaxIdle) {
        this.pool = new OriginPool(channelType, timings.connectMillis(), time, poolMaxIdle);
        this.signers = signers;
        this.forwarding = forwarding;
        this.timings = timings;
        this.metrics = metrics;
        this.time = time;
    }

    /**
     * The request for a client's request on {@code route}, to be streamed through {@link OriginCall#send} (or
     * given a body with {@link OriginRequest#withBody}): path rewritten, hop-by-hop headers removed, the client's
     * {@code Grip-*} headers stripped unless it is trusted, {@code X-Forwarded-*} set per config.
     *
     * @param trusted whether the client presented a {@code Grip-Sig} that {@link #trusts} ({@code upstream_key})
     * @param tls whether the client's connection counts as TLS
     * @param peerAddress the client's address for {@code X-Forwarded-For}, or null
     */
    public OriginRequest requestFor(HttpRequest client, Route route, boolean trusted, boolean tls, String peerAddress,
            OriginRequest.Policy policy) {
        return OriginRequests.forClient(client, route, trusted, tls, peerAddress, forwarding, policy);
    }

    /** Whether a client's {@code Grip-Sig} (may be null) verifies against {@code upstream_key}. */
    public boolean trusts(String gripSig) {
        return signers.trusted(gripSig);
    }

    /**
     * Makes a call that reports to {@code handler} on {@code loop}; it starts with {@link OriginCall#start}, so the
     * caller can keep the call before the first report arrives.
     */
    public OriginCall call(EventLoop loop, OriginRequest request, OriginCallHandler handler) {
        return new OriginCall(this, loop, request, handler);
    }

    /**
     * Sends {@code request} (with its whole body) and buffers the answer; the future completes on {@code loop},
     * with an {@link OriginException} naming the {@link OriginFailure} when there is no answer.
     */
    public Future<OriginResponse> fetch(EventLoop loop, OriginRequest request) {
        Promise<OriginResponse> promise = loop.newPromise();
        OriginCall call = call(loop, request, new OriginCallHandler() {
            @Override
            public Body head(HttpResponse head) {
                return Body.BUFFER;
            }

            @Override
            public void content(HttpContent part) {
                throw new IllegalStateException("a fetch buffers its body");
            }

            @Override
            public void response(OriginResponse response) {
                promise.trySuccess(response);
            }

            @Override
            public void failed(OriginFailure failure) {
                promise.tryFailure(new OriginException(failure));
            }
        });
        promise.addListener(f -> {
            if (f.isCancelled()) {
                call.cancel();
            }
        });
        if (loop.inEventLoop()) {
            call.start();
        } else {
            loop.execute(call::start);
        }
        return promise;
    }

    /** Origin connections open now (in use or idle), for {@code tack_descriptors}. */
    public int openConnections() {
        return pool.openConnections();
    }

    /** Idle origin connections in the pools now. */
    public int idleConnections() {
        return pool.idleConnections();
    }

    /** Closes every origin connection; for shutdown, once no client is left to use one. */
    public void closeConnections() {
        pool.closeAll();
    }

    /** How long origins may take. */
    public OriginTimings timings() {
        return timings;
    }

    /** The source of every timer: callers' own timers use it too. */
    public TimeSource time() {
        return time;
    }

    OriginPool pool() {
        return pool;
    }

    Signers signers() {
        return signers;
    }

    TackMetrics metrics() {
        return metrics;
    }
}
