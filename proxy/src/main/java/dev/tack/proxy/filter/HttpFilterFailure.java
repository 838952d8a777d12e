package dev.tack.proxy.filter;

import java.util.Objects;

/**
 * Why an {@link HttpFilterClient} could not get an answer; the call's future completes exceptionally with it and
 * the filter reports {@code network request failed: connection refused} (and so on).
 */
public final class HttpFilterFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure, with Pushpin's words for them. */
    public enum Kind {
        CONNECT("connection refused"),
        CONNECT_TIMEOUT("connection timed out"),
        TLS("tls error"),
        DISCONNECTED("disconnected"),
        TIMEOUT("request timed out"),
        OTHER("general error");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** Returns the words the filter error uses, e.g. {@code connection refused}. */
        public String text() {
            return text;
        }
    }

    private final Kind kind;

    public HttpFilterFailure(Kind kind, String detail) {
        super(Objects.requireNonNull(kind, "kind").text() + (detail == null ? "" : ": " + detail), null, false,
                false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
