package dev.tack.proxy.metrics;

import java.util.Locale;

/** A publish format (Pushpin's names), the {@code format} label of publishes and deliveries. */
public enum DeliveryFormat {
    /** {@code http-response}: completes a long-poll. */
    HTTP_RESPONSE,
    /** {@code http-stream}: a chunk of an HTTP or SSE stream. */
    HTTP_STREAM,
    /** {@code ws-message}: a WebSocket message. */
    WS_MESSAGE;

    /** The label value: the name in lower case, with dashes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
