package dev.tack.proxy.metrics;

import java.util.Locale;

/** What kind of origin request a latency or error is about: the {@code kind} label of the origin metrics. */
public enum OriginKind {
    /** A client's HTTP request forwarded to the origin (also a passthrough WebSocket's handshake). */
    HTTP,
    /** One WebSocket-over-HTTP round trip: a POST of events and the origin's answer. */
    WOH;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
