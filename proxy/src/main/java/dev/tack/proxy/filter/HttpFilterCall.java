package dev.tack.proxy.filter;

import dev.tack.api.Header;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The request an {@code http-check} or {@code http-modify} filter makes for one message, to be sent by an
 * {@link HttpFilterClient}:
 * <pre>
 * POST /filter/modify HTTP/1.1
 * Sub-Meta: {"url":"/filter/modify","user":"alice"}
 * Pub-Meta: {"sender":"bob"}
 * Grip-Last: chat; last-id=41
 *
 * hello world            (http-modify only: the message content)
 * </pre>
 *
 * @param filter {@code http-check} or {@code http-modify}
 * @param uri where to send it: the subscriber's meta {@code url} resolved against the current URI (with
 *     {@code ws}/{@code wss} read as {@code http}/{@code https})
 * @param headers {@code Sub-Meta} and {@code Pub-Meta} (JSON objects with sorted keys, UTF-8 as wire text) and one
 *     {@code Grip-Last} per channel with a prev-id
 * @param body the message content for {@code http-modify}, empty for {@code http-check}; callers must not modify it
 * @param preferInternal whether the URI has the client request's scheme, host and port: send it through the
 *     proxy's own route then (path rewriting, {@code Grip-Sig}), else straight to the URI with the route's
 *     signing settings
 * @param timeout how long the whole exchange may take; past it the call fails with
 *     {@link HttpFilterFailure.Kind#TIMEOUT}
 * @param maxResponseBytes how much response body to read: for {@code http-modify} read at most one byte more than
 *     this and stop (the filter then reports the overflow); 0 for {@code http-check}, whose body is not used
 */
public record HttpFilterCall(String filter, URI uri, List<Header> headers, byte[] body, boolean preferInternal,
        Duration timeout, int maxResponseBytes) {

    /** Every filter call is a POST. */
    public static final String METHOD = "POST";

    public HttpFilterCall {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Returns the key calls are paced by: Pushpin allows 100 filter calls per second in all, taking turns between
     * destination URIs, so one busy URL cannot starve the others.
     */
    public String rateLimitKey() {
        return uri.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpFilterCall c && filter.equals(c.filter) && uri.equals(c.uri)
                && headers.equals(c.headers) && Arrays.equals(body, c.body) && preferInternal == c.preferInternal
                && timeout.equals(c.timeout) && maxResponseBytes == c.maxResponseBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(filter, uri, headers, Arrays.hashCode(body), preferInternal, timeout, maxResponseBytes);
    }

    @Override
    public String toString() {
        return "HttpFilterCall[" + filter + " POST " + uri + ", headers=" + headers + ", body=" + body.length
                + " bytes, preferInternal=" + preferInternal + ", timeout=" + timeout + ", maxResponseBytes="
                + maxResponseBytes + "]";
    }
}
