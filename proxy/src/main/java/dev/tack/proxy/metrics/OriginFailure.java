package dev.tack.proxy.metrics;

/** Why an origin request failed: the {@code reason} label of {@code tack_origin_errors_total}. */
public enum OriginFailure {
    /** No connection could be made to any target. */
    CONNECT("connect"),
    /** The origin did not answer in time. */
    TIMEOUT("timeout"),
    /** The answer could not be read (broken HTTP, too large, connection lost mid-response). */
    BAD_RESPONSE("bad_response"),
    /** The answer's GRIP instructions or WebSocket-over-HTTP events were invalid. */
    BAD_GRIP("bad_grip"),
    /** Anything else. */
    OTHER("other");

    private final String label;

    OriginFailure(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
