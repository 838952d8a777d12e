package dev.tack.proxy.metrics;

import java.util.Locale;

/** Why an origin request failed: the {@code reason} label of {@code tack_origin_errors_total}. */
public enum OriginFailure {
    /** No connection could be made to any target. */
    CONNECT,
    /** The origin did not answer in time. */
    TIMEOUT,
    /** The answer could not be read (broken HTTP, too large, connection lost mid-response). */
    BAD_RESPONSE,
    /** The answer's GRIP instructions or WebSocket-over-HTTP events were invalid. */
    BAD_GRIP,
    /** Anything else. */
    OTHER;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
