package dev.tack.proxy.origin;

/**
 * How long Tack waits on origins.
 *
 * @param connectMillis connecting to an origin
 * @param replyMillis a buffered answer's body after its head (a GRIP instruction, a WebSocket-over-HTTP reply,
 *     a refused WebSocket handshake), and a WebSocket-over-HTTP reply's head too; past it the call fails, so an
 *     answer whose {@code Content-Length} promises more than the origin sends never hangs a client
 * @param retryBaseMillis the first retry delay for an unreachable origin; later ones double (Pushpin's schedule,
 *     docs/compatibility.md "WebSocket-over-HTTP")
 * @param headMillis how long an origin may take to start its answer to a proxied request (or a WebSocket
 *     handshake) before the client gets a 502; generous, since an origin may hold a request itself
 */
public record OriginTimings(int connectMillis, long replyMillis, long retryBaseMillis, long headMillis) {

    /** Pushpin's retry schedule (1 s, doubling), 10 s to connect, 30 s for a buffered body or a WebSocket-over-HTTP
     * reply, 120 s for a response head. */
    public static OriginTimings defaults() {
        return new OriginTimings(10_000, 30_000, 1_000, 120_000);
    }
}
