package dev.tack.proxy.metrics;

/** A publish format (Pushpin's names), the {@code format} label of publishes and deliveries. */
public enum DeliveryFormat {
    /** {@code http-response}: completes a long-poll. */
    HTTP_RESPONSE("http-response"),
    /** {@code http-stream}: a chunk of an HTTP or SSE stream. */
    HTTP_STREAM("http-stream"),
    /** {@code ws-message}: a WebSocket message. */
    WS_MESSAGE("ws-message");

    private final String label;

    DeliveryFormat(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
