package dev.tack.api.client;

import dev.tack.api.Header;
import dev.tack.api.publish.Format;
import dev.tack.api.publish.HttpResponseFormat;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import dev.tack.api.publish.WsMessageFormat;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Publishes items to a GRIP proxy's publish API (Tack, Pushpin or Fastly Fanout), configured by a GRIP URL as the
 * GRIP libraries are ({@link GripUrl}: where to post, and the auth header). One publish is one request:
 * <pre>
 * new PublisherClient(GripUrl.parse("http://127.0.0.1:5561/service/SVC?key=TOKEN"))
 *         .publish("counter-1", HttpStreamFormat.of("data: {\"value\":2}\n\n"));
 *
 * POST /service/SVC/publish/ HTTP/1.1
 * Host: 127.0.0.1:5561
 * Content-Type: application/json
 * Fastly-Key: TOKEN
 *
 * {"items":[{"channel":"counter-1","formats":{"http-stream":{"content":"data: {\"value\":2}\n\n"}}}]}
 * </pre>
 * Items with {@code id}/{@code prev-id} are built with {@link PublishItem#withId}/{@link PublishItem#withPrevId}.
 * Any 2xx answer is success; anything else is a {@link PublishException} carrying the status and body. Requests
 * go over HTTP/1.1 ({@code java.net.http}), with a JWT made fresh for each request when the URL has {@code iss}.
 * Thread-safe; share one instance.
 */
public final class PublisherClient {
    /** How long one publish may take, connect included, unless the constructor says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final GripUrl gripUrl;
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;

    /** A client with its own HTTP/1.1 connection pool, the system clock and {@link #DEFAULT_TIMEOUT}. */
    public PublisherClient(GripUrl gripUrl) {
        this(gripUrl, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(DEFAULT_TIMEOUT).build(), Clock.systemUTC(), DEFAULT_TIMEOUT);
    }

    /**
     * A client sending through {@code http}, stamping JWTs with {@code clock}, giving up on a publish after
     * {@code timeout}.
     */
    public PublisherClient(GripUrl gripUrl, HttpClient http, Clock clock, Duration timeout) {
        this.gripUrl = Objects.requireNonNull(gripUrl, "gripUrl");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: a positive duration)");
        }
    }

    /**
     * A client for a GRIP URL string such as {@code http://127.0.0.1:5561/}.
     *
     * @throws IllegalArgumentException naming the URL and what was expected
     */
    public static PublisherClient of(String gripUrl) {
        return new PublisherClient(GripUrl.parse(gripUrl));
    }

    /** The GRIP URL this client publishes with. */
    public GripUrl gripUrl() {
        return gripUrl;
    }

    /** Publishes one item on {@code channel} with these formats (at most one of each kind). */
    public void publish(String channel, Format... formats) throws PublishException {
        publish(PublishItem.of(channel, formats));
    }

    /** Publishes one item. */
    public void publish(PublishItem item) throws PublishException {
        publish(List.of(item));
    }

    /**
     * Publishes items in one request, which the proxy accepts or refuses as a whole. An interrupt while waiting
     * ends the wait with a {@link PublishException} (status 0) and keeps the thread's interrupt flag set.
     */
    public void publish(List<PublishItem> items) throws PublishException {
        CompletableFuture<Void> done = publishAsync(items);
        try {
            done.get();
        } catch (InterruptedException e) {
            done.cancel(true);
            Thread.currentThread().interrupt();
            throw new PublishException(gripUrl.publishUri(), "was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PublishException p) {
                throw p;
            }
            throw new PublishException(gripUrl.publishUri(), "failed", e.getCause());
        }
    }

    /**
     * Publishes items in one request without blocking; the future fails with a {@link PublishException}.
     *
     * @throws IllegalArgumentException when {@code items} is empty
     */
    public CompletableFuture<Void> publishAsync(List<PublishItem> items) {
        HttpRequest request = request(items);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        String what = cause instanceof CancellationException ? "was cancelled" : "failed";
                        throw new CompletionException(new PublishException(request.uri(), what, cause));
                    }
                    if (response.statusCode() < 200 || response.statusCode() > 299) {
                        throw new CompletionException(
                                new PublishException(request.uri(), response.statusCode(), response.body()));
                    }
                    return null;
                });
    }

    /** Publishes bytes for stream holds (HTTP streaming, SSE): {@code {"http-stream":{"content":...}}}. */
    public void publishHttpStream(String channel, String content) throws PublishException {
        publish(channel, HttpStreamFormat.of(content));
    }

    /** Publishes a {@code 200} response with this body for response holds (long-polling). */
    public void publishHttpResponse(String channel, String body) throws PublishException {
        publish(channel, HttpResponseFormat.of(body));
    }

    /** Publishes a text message for WebSockets: {@code {"ws-message":{"content":...}}}. */
    public void publishWsMessage(String channel, String text) throws PublishException {
        publish(channel, WsMessageFormat.text(text));
    }

    /** The request publishing {@code items} now: body from {@link PublishJson#encodeRequest}, auth from the URL. */
    HttpRequest request(List<PublishItem> items) {
        Objects.requireNonNull(items, "items");
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items: none (expected: at least one item to publish)");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(gripUrl.publishUri())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PublishJson.encodeRequest(items)));
        for (Header h : gripUrl.authorizationHeaders(clock.millis() / 1000L)) {
            builder.header(h.name(), h.value());
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "PublisherClient[" + gripUrl + "]";
    }
}
