package dev.tack.proxy.session;

import dev.tack.proxy.filter.HttpFilterCall;
import dev.tack.proxy.filter.HttpFilterClient;
import dev.tack.proxy.filter.HttpFilterFailure;
import dev.tack.proxy.filter.HttpFilterReply;
import dev.tack.proxy.origin.OriginException;
import dev.tack.proxy.origin.OriginFailure;
import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.origin.OriginResponse;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends the {@code http-check}/{@code http-modify} calls of one held connection through the one origin call
 * (docs/compatibility.md "Reliable GRIP"): a URL of the client's own scheme, host and port through its route
 * ({@link LinkRequests}), any other straight to its host; the call's timeout for the answer's head and for its body;
 * and Pushpin's pacing of 100 calls per second for the whole node, taking turns between URLs
 * ({@link HttpFilterCall#rateLimitKey()}). Each call is sent from the connection's event loop.
 */
final class HttpFilterCalls implements HttpFilterClient {

    private final HeldRequest held;
    private final EventLoop loop;

    HttpFilterCalls(HeldRequest held, EventLoop loop) {
        this.held = held;
        this.loop = loop;
    }

    @Override
    public CompletionStage<HttpFilterReply> send(HttpFilterCall call) {
        CompletableFuture<HttpFilterReply> reply = new CompletableFuture<>();
        long millis = call.timeout().toMillis();
        // http-check reads no body, but an answer may still have one: take it, up to what http-modify may take.
        int bodyMax = call.maxResponseBytes() > 0 ? call.maxResponseBytes() + 1 : OriginRequest.MAX_ACCEPT_BODY;
        OriginRequest request = LinkRequests.request(held, HttpMethod.POST, call.uri(), call.headers(), call.body(),
                new OriginRequest.Policy(millis, millis, bodyMax, 0, held.grip().origin().timings().retryBaseMillis()));
        if (request == null) {
            reply.completeExceptionally(new HttpFilterFailure(HttpFilterFailure.Kind.OTHER, "not an http(s) URL: "
                    + call.uri()));
            return reply;
        }
        held.grip().filterCalls().add(call.rateLimitKey(), () -> {
            try {
                loop.execute(() -> held.grip().origin().fetch(loop, request).addListener(f -> {
                    if (f.isSuccess()) {
                        OriginResponse answer = (OriginResponse) f.getNow();
                        reply.complete(new HttpFilterReply(answer.status(), answer.headers(), answer.body()));
                    } else {
                        failed(reply, call, f.cause());
                    }
                }));
            } catch (RejectedExecutionException shuttingDown) {
                reply.completeExceptionally(new HttpFilterFailure(HttpFilterFailure.Kind.OTHER, "shutting down"));
            }
            return true;
        });
        return reply;
    }

    private static void failed(CompletableFuture<HttpFilterReply> reply, HttpFilterCall call, Throwable cause) {
        OriginFailure failure = cause instanceof OriginException e ? e.failure() : null;
        if (failure == null) {
            reply.completeExceptionally(new HttpFilterFailure(HttpFilterFailure.Kind.OTHER, String.valueOf(cause)));
            return;
        }
        if (failure.kind() == OriginFailure.Kind.TOO_LARGE && call.maxResponseBytes() > 0) {
            // The answer outgrew what http-modify may take: the filter reports that itself from a body one byte over.
            reply.complete(new HttpFilterReply(200, List.of(), new byte[call.maxResponseBytes() + 1]));
            return;
        }
        HttpFilterFailure.Kind kind = switch (failure.kind()) {
            case UNREACHABLE -> failure.detail().contains("timed out") ? HttpFilterFailure.Kind.CONNECT_TIMEOUT
                    : HttpFilterFailure.Kind.CONNECT;
            case TIMEOUT -> HttpFilterFailure.Kind.TIMEOUT;
            case CLOSED -> HttpFilterFailure.Kind.DISCONNECTED;
            case TOO_LARGE, MALFORMED -> HttpFilterFailure.Kind.OTHER;
        };
        reply.completeExceptionally(new HttpFilterFailure(kind, failure.detail()));
    }
}
