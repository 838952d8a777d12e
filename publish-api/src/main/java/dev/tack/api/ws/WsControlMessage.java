package dev.tack.api.ws;

import dev.tack.api.grip.KeepAliveMode;
import dev.tack.api.publish.WsMessageType;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A GRIP control message an origin sends inside a WebSocket-over-HTTP {@code TEXT} event as {@code c:<json>}
 * (docs/compatibility.md "WebSocket control messages"), for example
 * <pre>
 * TEXT 29\r\n
 * c:{"type":"subscribe","channel":"room-x"}\r\n
 * </pre>
 * Values hold Pushpin's defaults already applied ({@link WsControlCodec} parses and writes the JSON).
 */
public sealed interface WsControlMessage {

    /** Pushpin's limit on filters per subscription; more close the connection with 1011. */
    int MAX_FILTERS = 5;
    /** Idle seconds before a keep-alive is sent when the message gives no positive {@code timeout}. */
    int DEFAULT_KEEP_ALIVE_TIMEOUT = 55;
    /** Seconds before a delayed send when the message gives no positive {@code timeout}. */
    int DEFAULT_SEND_DELAYED_TIMEOUT = 1;

    /** {@code {"type":"subscribe","channel":"c","filters":["skip-self"]}}: subscribe to a channel. */
    record Subscribe(String channel, List<String> filters) implements WsControlMessage {
        public Subscribe {
            requireNonEmpty(channel, "channel");
            filters = List.copyOf(filters);
        }

        public Subscribe(String channel) {
            this(channel, List.of());
        }

        /**
         * Whether more than {@link #MAX_FILTERS} filters were named. The message still parses so the proxy can
         * close the connection with 1011 ("too many filters for channel '...'"), as Pushpin does.
         */
        public boolean tooManyFilters() {
            return filters.size() > MAX_FILTERS;
        }
    }

    /** {@code {"type":"unsubscribe","channel":"c"}}. */
    record Unsubscribe(String channel) implements WsControlMessage {
        public Unsubscribe {
            requireNonEmpty(channel, "channel");
        }
    }

    /** {@code {"type":"detach"}}: close the origin side, keep the client connection and its subscriptions. */
    record Detach() implements WsControlMessage {
    }

    /** {@code {"type":"session","id":"s1"}}: set the session id; an empty id clears it. */
    record Session(String id) implements WsControlMessage {
        public Session {
            Objects.requireNonNull(id, "id");
        }
    }

    /** {@code {"type":"set-meta","name":"user","value":"alice"}}: subscription meta for filters; null deletes. */
    record SetMeta(String name, String value) implements WsControlMessage {
        public SetMeta {
            requireNonEmpty(name, "name");
        }

        /** Returns {@code meta} with this change applied (the key set, or removed when the value is null). */
        public Map<String, String> applyTo(Map<String, String> meta) {
            Map<String, String> out = new LinkedHashMap<>(meta);
            if (value == null) {
                out.remove(name);
            } else {
                out.put(name, value);
            }
            return Collections.unmodifiableMap(out);
        }
    }

    /**
     * {@code {"type":"keep-alive","content":"{}","timeout":30}}: send {@code content} to the client whenever it
     * has been idle ({@link KeepAliveMode#IDLE}) or every period ({@link KeepAliveMode#INTERVAL}) of
     * {@code timeoutSeconds}. A null {@code content} switches keep-alives off. The array is shared, not copied.
     */
    record KeepAlive(byte[] content, WsMessageType messageType, int timeoutSeconds, KeepAliveMode mode)
            implements WsControlMessage {
        public KeepAlive {
            Objects.requireNonNull(messageType, "messageType");
            Objects.requireNonNull(mode, "mode");
            requirePositive(timeoutSeconds);
        }

        /** The message that switches keep-alives off: {@code {"type":"keep-alive"}}. */
        public static KeepAlive off() {
            return new KeepAlive(null, WsMessageType.TEXT, DEFAULT_KEEP_ALIVE_TIMEOUT, KeepAliveMode.IDLE);
        }

        public boolean isOff() {
            return content == null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeepAlive other && Arrays.equals(content, other.content)
                    && messageType == other.messageType && timeoutSeconds == other.timeoutSeconds
                    && mode == other.mode;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(content), messageType, timeoutSeconds, mode);
        }

        @Override
        public String toString() {
            return "KeepAlive[" + (content == null ? "off" : content.length + " bytes " + messageType + ", "
                    + timeoutSeconds + "s " + mode) + "]";
        }
    }

    /**
     * {@code {"type":"send-delayed","content":"bye","timeout":5}}: send {@code content} to the client after
     * {@code timeoutSeconds}; a later send-delayed first flushes this one. The array is shared, not copied.
     */
    record SendDelayed(byte[] content, WsMessageType messageType, int timeoutSeconds) implements WsControlMessage {
        public SendDelayed {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(messageType, "messageType");
            requirePositive(timeoutSeconds);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SendDelayed other && Arrays.equals(content, other.content)
                    && messageType == other.messageType && timeoutSeconds == other.timeoutSeconds;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(content), messageType, timeoutSeconds);
        }

        @Override
        public String toString() {
            return "SendDelayed[" + content.length + " bytes " + messageType + ", " + timeoutSeconds + "s]";
        }
    }

    /** {@code {"type":"flush-delayed"}}: send the pending delayed message now. */
    record FlushDelayed() implements WsControlMessage {
    }

    private static void requireNonEmpty(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + ": " + (value == null ? "null" : "\"\"")
                    + " (expected: a non-empty string)");
        }
    }

    private static void requirePositive(int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeout: " + timeoutSeconds + " (expected: positive seconds)");
        }
    }
}
