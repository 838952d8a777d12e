package dev.tack.proxy.filter;

import java.util.Objects;

/**
 * What the filters decided for one message and one subscriber. An {@link Error} is a value, not an exception: the
 * session drops the message and logs the error, or, on a route with {@code debug}, ends the connection with
 * {@link Error#describe()} (a stream ends with it as the last text, a response hold answers 502 with it, a
 * WebSocket closes with 1011), as Pushpin does.
 */
public sealed interface FilterResult {

    /** Send the message with this content (the original bytes when no filter changed them). */
    record Send(byte[] content) implements FilterResult {
        public Send {
            Objects.requireNonNull(content, "content");
        }
    }

    /** Do not send the message to this subscriber; for a {@code hint} or {@code close}, do not act on it either. */
    record Drop() implements FilterResult {
    }

    /**
     * A filter failed, e.g. {@code build-id} / {@code no sub meta 'id_format'} or {@code var-subst} /
     * {@code No such variable 'user' at position 9}.
     *
     * @param filter the filter's name
     * @param message what went wrong
     */
    record Error(String filter, String message) implements FilterResult {
        public Error {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(message, "message");
        }

        /** Returns the text for logs and debug routes: {@code filter error: build-id: no sub meta 'id_format'}. */
        public String describe() {
            return "filter error: " + filter + ": " + message;
        }
    }

    /** The one drop value. */
    Drop DROP = new Drop();
}
