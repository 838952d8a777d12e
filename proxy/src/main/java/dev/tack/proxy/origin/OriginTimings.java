package dev.tack.proxy.origin;

/**
 * How long Tack waits on origins.
 *
 * @param connectMillis connecting to an origin
 * @param replyMillis a WebSocket-over-HTTP reply, head to last byte; past it the connection is failed, so a
 *     reply whose {@code Content-Length} promises more than the origin sends never hangs a client
 * @param retryBaseMillis the first WebSocket-over-HTTP retry delay; later ones double (pushpin-spec §2.9)
 */
public record OriginTimings(int connectMillis, long replyMillis, long retryBaseMillis) {

    /** Pushpin's retry schedule (1 s, doubling), a 10 s connect timeout and 30 s for a reply. */
    public static OriginTimings defaults() {
        return new OriginTimings(10_000, 30_000, 1_000);
    }
}
