package dev.tack.proxy.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tack.api.Header;
import dev.tack.api.grip.GripLast;
import dev.tack.api.grip.HeaderValues;
import dev.tack.api.grip.LinkUris;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * {@code http-check} and {@code http-modify} (Pushpin 2.0's {@code filter.cpp}): ask the origin about each message
 * at the URL in the subscriber's meta {@code url}. The pure parts are {@link #call} (what is sent) and
 * {@link #interpret} (how the answer reads); an {@link HttpFilterClient} does the I/O.
 */
final class HttpFilter implements MessageFilter {
    /** How long one call may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The most body an {@code http-modify} answer may have. */
    static final int RESPONSE_MAX_BYTES = 100_000;

    private static final ObjectWriter JSON = JsonMapper.builder().build().writer();

    /** Which of the two filters. */
    enum Mode {
        /** Asks whether to send; the content is not sent and not changed. */
        CHECK("http-check"),
        /** Sends the content; a 200 answer's body replaces it. */
        MODIFY("http-modify");

        private final String filterName;

        Mode(String filterName) {
            this.filterName = filterName;
        }

        String filterName() {
            return filterName;
        }
    }

    /** A call that cannot be made; the message is the filter error. */
    static final class CallException extends Exception {
        private static final long serialVersionUID = 1L;

        CallException(String message) {
            super(message, null, false, false);
        }
    }

    private final Mode mode;
    private final HttpFilterClient client;
    private final int maxResponseBytes;

    HttpFilter(Mode mode, HttpFilterClient client, int maxResponseBytes) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.client = Objects.requireNonNull(client, "client");
        this.maxResponseBytes = maxResponseBytes;
    }

    @Override
    public String filterName() {
        return mode.filterName();
    }

    /** Makes the call and reads the answer; never completes exceptionally. */
    CompletionStage<FilterResult> apply(FilterContext context, byte[] content) {
        HttpFilterCall call;
        try {
            call = call(mode, context, content, maxResponseBytes);
        } catch (CallException e) {
            return CompletableFuture.completedFuture(new FilterResult.Error(filterName(), e.getMessage()));
        }
        CompletionStage<HttpFilterReply> sent;
        try {
            sent = client.send(call);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((reply, failure) -> failure == null
                ? interpret(mode, reply, content, maxResponseBytes)
                : new FilterResult.Error(filterName(), "network request failed: " + failureText(failure)));
    }

    /** Builds the request for one message (see {@link HttpFilterCall} for the wire format). */
    static HttpFilterCall call(Mode mode, FilterContext context, byte[] content, int maxResponseBytes)
            throws CallException {
        String url = context.subscriptionMeta().get("url");
        if (url == null || url.isEmpty()) {
            throw new CallException("missing url value");
        }
        URI reference = LinkUris.parseReference(url);
        URI current = context.currentUri() == null ? null : LinkUris.withHttpScheme(context.currentUri());
        URI target;
        if (reference != null && reference.isAbsolute()) {
            target = current == null ? reference : LinkUris.resolve(current, reference);
        } else if (reference != null && current != null && current.isAbsolute() && !current.isOpaque()) {
            target = LinkUris.resolve(current, reference);
        } else {
            throw new CallException("invalid url value");
        }
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Sub-Meta", json(context.subscriptionMeta())));
        headers.add(new Header("Pub-Meta", json(context.publishMeta())));
        headers.addAll(GripLast.headers(context.prevIds()));
        boolean internal = context.requestUri() != null && LinkUris.isSameOrigin(context.requestUri(), target);
        return new HttpFilterCall(mode.filterName(), target, headers, mode == Mode.MODIFY ? content : new byte[0],
                internal, TIMEOUT, mode == Mode.MODIFY ? maxResponseBytes : 0);
    }

    /** Reads the origin's answer for a message whose content was {@code original}. */
    static FilterResult interpret(Mode mode, HttpFilterReply reply, byte[] original, int maxResponseBytes) {
        if (reply.status() != 200 && reply.status() != 204) {
            return new FilterResult.Error(mode.filterName(),
                    "unexpected network request status: code=" + reply.status());
        }
        if (mode == Mode.MODIFY && reply.body().length > maxResponseBytes) {
            return new FilterResult.Error(mode.filterName(),
                    "network response exceeded " + maxResponseBytes + " bytes");
        }
        if ("drop".equals(HeaderValues.first(reply.headers(), "Action"))) {
            return FilterResult.DROP;
        }
        if (mode == Mode.CHECK || reply.status() == 204) {
            return new FilterResult.Send(original);
        }
        return new FilterResult.Send(reply.body());
    }

    private static String failureText(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof HttpFilterFailure f ? f.kind().text() : HttpFilterFailure.Kind.OTHER.text();
    }

    private static String json(Map<String, String> meta) {
        try {
            return HeaderValues.toWire(JSON.writeValueAsString(new TreeMap<>(meta)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings failed to serialize", e);
        }
    }
}
