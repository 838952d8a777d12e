package dev.tack.proxy.metrics;

import java.util.Locale;

/**
 * What a client connection is, as the {@code transport} label of {@code tack_connections} and
 * {@code tack_connection_failures_total}. A connection starts as {@link #HTTP} (a request being proxied, or
 * an idle keep-alive connection) and becomes one of the held kinds when the origin's answer holds it.
 */
public enum ClientTransport {
    /** Plain HTTP: a request on its way to or from the origin, or an idle keep-alive connection. */
    HTTP,
    /** A response hold (long-poll). */
    LONGPOLL,
    /** A stream hold with any content type but {@code text/event-stream}. */
    STREAM,
    /** A stream hold answering {@code text/event-stream} (Server-Sent Events). */
    SSE,
    /** A client WebSocket (WebSocket-over-HTTP or passthrough to the origin). */
    WS;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
