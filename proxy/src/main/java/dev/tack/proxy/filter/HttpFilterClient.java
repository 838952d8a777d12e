package dev.tack.proxy.filter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends {@code http-check}/{@code http-modify} calls; the proxy's origin client implements it (pooled connections,
 * the route's targets when {@link HttpFilterCall#preferInternal()}, {@code Grip-Sig}, the call's timeout and body
 * limit, and the 100-per-second pacing keyed by {@link HttpFilterCall#rateLimitKey()}).
 */
@FunctionalInterface
public interface HttpFilterClient {

    /**
     * Sends the call. The stage completes with the reply, or exceptionally with an {@link HttpFilterFailure} (any
     * other exception counts as {@link HttpFilterFailure.Kind#OTHER}). It may complete on any thread.
     */
    CompletionStage<HttpFilterReply> send(HttpFilterCall call);

    /** A client for places without origin access: every call fails with a general error. */
    HttpFilterClient UNAVAILABLE = call -> CompletableFuture.failedFuture(
            new HttpFilterFailure(HttpFilterFailure.Kind.OTHER, "no origin client for filter calls"));
}
