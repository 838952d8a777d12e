package dev.tack.api.grip;

import java.net.URI;
import java.util.Objects;

/**
 * Where a held stream (or a response without a hold) continues: {@code Grip-Link: </stream/?after=3>; rel=next;
 * timeout=120} (docs/compatibility.md, "Reliable GRIP"). The proxy fetches the link with {@code GET} and the
 * request header {@code Grip-Last: <channel>; last-id=<id>} for every channel with a known id ({@link GripLast}),
 * appends the body to the client's stream, and follows the answer's own instructions:
 * <ul>
 *   <li>a response without a hold: fetch its next link at once (chaining), or end the response when it has none;
 *   <li>a stream hold: hold, and fetch the next link again after {@link #timeoutSeconds()} of silence;
 *   <li>a response hold: an error, {@value #NON_STREAM_HOLD}
 * </ul>
 * A fetch that fails before any body byte was sent is retried {@value #RETRY_MAX} times
 * ({@link #retryDelayMillis}); then the client gets {@value #FETCH_FAILED}
 *
 * @param uri the link as given, absolute or relative; resolve it with {@link #resolve} against the URI of the
 *     request whose answer carried it (the client's request first, then the previous next link)
 * @param timeoutSeconds seconds of silence on a stream hold before the link is fetched again, default
 *     {@value #DEFAULT_TIMEOUT}; 0 is allowed (fetch again as soon as the update pacing allows), as in Pushpin
 */
public record NextLink(URI uri, int timeoutSeconds) {

    /** The idle timeout when the header gives none, in seconds. */
    public static final int DEFAULT_TIMEOUT = 120;
    /** Retries of a failed next-link fetch, while no body byte has reached the client. */
    public static final int RETRY_MAX = 5;
    /** The first retry waits this long, each further one twice as long as the one before. */
    public static final int RETRY_BASE_MILLIS = 1000;
    /** Each retry waits up to this much longer, at random (exclusive bound). */
    public static final int RETRY_RANDOM_MILLIS = 1000;
    /** What the client sees (on a debug route) when every retry failed. */
    public static final String FETCH_FAILED = "Failed to retrieve next link.";
    /** What the client sees (on a debug route) when a next link answers with a response hold. */
    public static final String NON_STREAM_HOLD = "Next link returned non-stream hold.";

    public NextLink {
        Objects.requireNonNull(uri, "uri");
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds: " + timeoutSeconds + " (expected: >= 0)");
        }
    }

    /** Returns the absolute URI to fetch: {@link #uri()} resolved against {@code current} (RFC 3986 §5.2). */
    public URI resolve(URI current) {
        return LinkUris.resolve(current, uri);
    }

    /**
     * Returns how long to wait before retry number {@code retriesSoFar + 1}: {@value #RETRY_BASE_MILLIS} ms doubled
     * {@code retriesSoFar} times, plus {@code jitterMillis} (the caller draws it from 0 to
     * {@value #RETRY_RANDOM_MILLIS} - 1, so tests can fix it). Pushpin's {@code httpsession.cpp} waits the same.
     */
    public static long retryDelayMillis(int retriesSoFar, int jitterMillis) {
        if (retriesSoFar < 0 || retriesSoFar >= RETRY_MAX) {
            throw new IllegalArgumentException("retriesSoFar: " + retriesSoFar + " (expected: 0-" + (RETRY_MAX - 1)
                    + ")");
        }
        if (jitterMillis < 0 || jitterMillis >= RETRY_RANDOM_MILLIS) {
            throw new IllegalArgumentException("jitterMillis: " + jitterMillis + " (expected: 0-"
                    + (RETRY_RANDOM_MILLIS - 1) + ")");
        }
        return ((long) RETRY_BASE_MILLIS << retriesSoFar) + jitterMillis;
    }
}
