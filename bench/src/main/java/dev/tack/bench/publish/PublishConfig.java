package dev.tack.bench.publish;

import java.net.URI;
import java.time.Duration;

/**
 * How to publish.
 *
 * @param url          the publish endpoint, e.g. {@code http://127.0.0.1:5561/publish/}
 * @param messages     how many measured messages to send at {@code rate}; ignored when {@code flatOut} is set
 * @param rate         messages per second (open loop)
 * @param flatOut      when set, publish as fast as the API answers for this long instead
 * @param payloadBytes the size of each payload text (at least the fields, padded up to this)
 * @param concurrency  publish requests in flight at most (and pooled connections)
 * @param api          the publish API the target speaks
 * @param eventIds     whether measured messages carry their sequence number as message id (item {@code id}
 *                     and an SSE {@code id:} line), so reconnecting SSE clients can send {@code Last-Event-ID}
 */
public record PublishConfig(URI url, int messages, double rate, Duration flatOut, int payloadBytes,
        int concurrency, PublishApi api, boolean eventIds) {

    public PublishConfig {
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("publish URL: " + url
                    + " (expected: http://host:port/path, e.g. http://127.0.0.1:5561/publish/)");
        }
        if (messages < 0) {
            throw new IllegalArgumentException("messages: " + messages + " (expected: >= 0)");
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: > 0 messages per second)");
        }
        if (flatOut != null && (flatOut.isNegative() || flatOut.isZero())) {
            throw new IllegalArgumentException("duration: " + flatOut + " (expected: > 0)");
        }
        if (payloadBytes < 1 || payloadBytes > 65_536) {
            throw new IllegalArgumentException("payload size: " + payloadBytes + " (expected: 1-65536 bytes)");
        }
        if (concurrency < 1 || concurrency > 128) {
            throw new IllegalArgumentException("publish concurrency: " + concurrency + " (expected: 1-128)");
        }
    }

    /** The port of {@link #url}, 80 when it names none. */
    public int port() {
        return url.getPort() < 0 ? 80 : url.getPort();
    }

    /** The request target of {@link #url}: its path and query. */
    public String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
