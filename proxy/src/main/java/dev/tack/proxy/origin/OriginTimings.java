package dev.tack.proxy.origin;

/**
 * How long Tack waits on origins.
 *
 * @param connectMillis connecting to an origin
 * @param replyMillis a WebSocket-over-HTTP reply, head to last byte; past it the connection is failed, so a
 *     reply whose {@code Content-Length} promises more than the origin sends never hangs a client
 * @param retryBaseMillis the first WebSocket-over-HTTP retry delay; later ones double (pushpin-spec §2.9)
 * @param headMillis how long an origin may take to start its answer to a proxied request (or a WebSocket
 *     handshake) before the client gets a 502; generous, since an origin may hold a request itself
 */
public record OriginTimings(int connectMillis, long replyMillis, long retryBaseMillis, long headMillis) {

    /** Pushpin's retry schedule (1 s, doubling), 10 s to connect, 30 s for a WebSocket-over-HTTP reply, 120 s
     * for a response head. */
    public static OriginTimings defaults() {
        return new OriginTimings(10_000, 30_000, 1_000, 120_000);
    }
}
