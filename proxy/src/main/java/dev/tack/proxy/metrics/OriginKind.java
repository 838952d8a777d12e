package dev.tack.proxy.metrics;

/** What kind of origin request a latency or error is about: the {@code kind} label of the origin metrics. */
public enum OriginKind {
    /** A client's HTTP request forwarded to the origin (also a passthrough WebSocket's handshake). */
    HTTP("http"),
    /** One WebSocket-over-HTTP round trip: a POST of events and the origin's answer. */
    WOH("woh");

    private final String label;

    OriginKind(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
