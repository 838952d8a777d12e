package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues;
import dev.tack.proxy.metrics.OriginKind;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.Target;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one origin call sends, as a value: the same record sent twice is the same request, which is what lets a
 * caller merge identical concurrent fetches or send a request again later (a {@code hint}). Headers are wire text
 * in order; {@code Grip-Sig} and the target's {@code host=} are not in them but added by the call at each attempt,
 * so every attempt carries a fresh signature (Pushpin re-signs every WebSocket-over-HTTP request too).
 *
 * <p>For example the second request of a WebSocket-over-HTTP connection:
 * <pre>
 * new OriginRequest(route, List.of(acceptedTarget), HttpMethod.POST, "/ws?room=7", headers,
 *         "TEXT 2\r\nhi\r\n".getBytes(US_ASCII), true, false, Policy.webSocketOverHttp(timings, 5))
 * </pre>
 *
 * @param route the route the request belongs to; its signing key applies when {@code sign} is set
 * @param targets where to send it, tried in order while connecting fails (failover); never empty
 * @param uri the request target in origin form, already rewritten for the route ({@code /v2/items?x=1})
 * @param headers the request headers, without hop-by-hop ones and without {@code Grip-Sig}
 * @param body the whole body ({@code byte[0]} for none), or {@code null} when the caller streams it through
 *     {@link OriginCall#send}; callers must not modify the array
 * @param sign add {@code Grip-Sig} and {@code Grip-Feature} when the route has a signing key
 * @param upgrade a WebSocket handshake: a {@code 101} answer hands the connection to the caller
 * @param policy timers, size limit and retries
 */
public record OriginRequest(Route route, List<Target> targets, HttpMethod method, String uri, List<Header> headers,
        byte[] body, boolean sign, boolean upgrade, Policy policy) {

    /** Pushpin's {@code MAX_ACCEPT_RESPONSE_BODY}: the most of a GRIP instruction Tack buffers. */
    public static final int MAX_ACCEPT_BODY = 100_000;
    /** Pushpin's {@code RESPONSE_BODY_MAX} for WebSocket-over-HTTP replies. */
    public static final int MAX_WOH_REPLY_BODY = 1_000_000;

    public OriginRequest {
        Objects.requireNonNull(route, "route");
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("targets: [] (expected: at least one target)");
        }
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        Objects.requireNonNull(policy, "policy");
    }

    /**
     * How long an origin may take, how much of its body may be buffered, and how often an unreachable origin is
     * tried again.
     *
     * @param headMillis from sending the request to the final response head ({@code 1xx} answers do not count)
     * @param bodyMillis from the head to the last body byte, for a body that is buffered (a GRIP instruction, a
     *     WebSocket-over-HTTP reply); a streamed body has no such limit
     * @param maxBufferedBytes the most a buffered body may hold; beyond it the call fails
     * @param retries how many more rounds over {@code targets} follow when none could be reached; each waits
     *     {@code retryBaseMillis · 2^n} plus up to {@code retryBaseMillis} of jitter (Pushpin's schedule)
     * @param kind what the metrics count the request as (a forwarded request or a WebSocket-over-HTTP round trip)
     */
    public record Policy(long headMillis, long bodyMillis, int maxBufferedBytes, int retries, long retryBaseMillis,
            OriginKind kind) {

        public Policy {
            Objects.requireNonNull(kind, "kind");
        }

        /** A policy for a plain HTTP request (latency and errors counted under {@code kind="http"}). */
        public Policy(long headMillis, long bodyMillis, int maxBufferedBytes, int retries, long retryBaseMillis) {
            this(headMillis, bodyMillis, maxBufferedBytes, retries, retryBaseMillis, OriginKind.HTTP);
        }

        /** A client's request proxied as is: GRIP instructions are buffered up to {@link #MAX_ACCEPT_BODY}. */
        public static Policy proxied(OriginTimings timings) {
            return new Policy(timings.headMillis(), timings.replyMillis(), MAX_ACCEPT_BODY, 0, timings.retryBaseMillis());
        }

        /** A WebSocket-over-HTTP request: a reply of at most {@link #MAX_WOH_REPLY_BODY} within the reply time. */
        public static Policy webSocketOverHttp(OriginTimings timings, int retries) {
            return new Policy(timings.replyMillis(), timings.replyMillis(), MAX_WOH_REPLY_BODY, retries,
                    timings.retryBaseMillis(), OriginKind.WOH);
        }

        /** A WebSocket handshake to the origin: a refusal's body is kept up to {@link #MAX_ACCEPT_BODY}. */
        public static Policy handshake(OriginTimings timings) {
            return new Policy(timings.headMillis(), timings.replyMillis(), MAX_ACCEPT_BODY, 0, timings.retryBaseMillis());
        }
    }

    /** The same request to other targets (a WebSocket-over-HTTP connection stays with the one that accepted it). */
    public OriginRequest withTargets(List<Target> newTargets) {
        return new OriginRequest(route, newTargets, method, uri, headers, body, sign, upgrade, policy);
    }

    /** The same request with another body and policy. */
    public OriginRequest withBody(byte[] newBody, Policy newPolicy) {
        return new OriginRequest(route, targets, method, uri, headers, newBody, sign, upgrade, newPolicy);
    }

    /** Whether the caller streams the body through {@link OriginCall#send}. */
    public boolean streamed() {
        return body == null;
    }

    /** The first value of header {@code name}, ignoring case, or null. */
    public String header(String name) {
        return HeaderValues.first(headers, name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OriginRequest r && route.equals(r.route) && targets.equals(r.targets)
                && method.equals(r.method) && uri.equals(r.uri) && headers.equals(r.headers)
                && Arrays.equals(body, r.body) && sign == r.sign && upgrade == r.upgrade && policy.equals(r.policy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(route, targets, method, uri, headers, Arrays.hashCode(body), sign, upgrade, policy);
    }

    @Override
    public String toString() {
        return method + " " + uri + " -> " + targets + (body == null ? " (streamed body)" : " (" + body.length + " bytes)");
    }
}
