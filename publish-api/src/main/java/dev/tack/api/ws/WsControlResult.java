package dev.tack.api.ws;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of parsing one {@code c:} control message: the message, or why it is ignored. Pushpin ignores
 * invalid and unknown control messages without closing the connection; the reason is for a debug log line.
 */
public sealed interface WsControlResult {

    /** The parsed message, or empty when it is ignored. */
    Optional<WsControlMessage> message();

    /** A well-formed control message. */
    record Parsed(WsControlMessage value) implements WsControlResult {
        public Parsed {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Optional<WsControlMessage> message() {
            return Optional.of(value);
        }
    }

    /**
     * A control message to ignore, with the reason, e.g.
     * {@code "subscribe: 'channel' is missing (expected: a non-empty string)"}.
     */
    record Ignored(String reason) implements WsControlResult {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<WsControlMessage> message() {
            return Optional.empty();
        }
    }
}
