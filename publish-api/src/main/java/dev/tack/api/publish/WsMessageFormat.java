package dev.tack.api.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A WebSocket message for every WebSocket subscribed to the channel: {@code "ws-message"} in the publish JSON,
 * e.g. {@code {"content": "hi"}} (a text frame), {@code {"content-bin": "AAE="}} (binary),
 * {@code {"type": "ping"}}, or {@code {"action": "close", "code": 4001, "reason": "bye"}}.
 *
 * @param action what to do
 * @param type the frame type for {@code SEND}; null for other actions
 * @param content the payload (empty unless {@code SEND}; may be empty for ping/pong); callers must not modify it
 * @param closeCode the close status code for {@code CLOSE}, or null to close without one
 * @param closeReason the close reason for {@code CLOSE}, or null
 * @param contentFilters the {@code content-filters} the content was written for, or null (see
 *     {@link Format#contentFilters})
 */
public record WsMessageFormat(Action action, WsMessageType type, byte[] content, Integer closeCode,
        String closeReason, List<String> contentFilters) implements Format {

    /**
     * The close code a WebSocket client sees for a {@code close} without a code ({@code pushpin-publish --close}):
     * 1000, normal closure, as Pushpin's connection manager sends, not 1005 ("no status"), which may not be sent.
     */
    public static final int DEFAULT_CLIENT_CLOSE_CODE = 1000;

    public WsMessageFormat {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(content, "content");
        if (action == Action.SEND && type == null) {
            throw new IllegalArgumentException("type: null (expected: a message type for action SEND)");
        }
        if (closeCode != null && closeCode < 0) {
            throw new IllegalArgumentException("closeCode: " + closeCode + " (expected: >= 0)");
        }
        contentFilters = contentFilters == null ? null : List.copyOf(contentFilters);
    }

    /** A format without {@code content-filters}. */
    public WsMessageFormat(Action action, WsMessageType type, byte[] content, Integer closeCode, String closeReason) {
        this(action, type, content, closeCode, closeReason, null);
    }

    /** Returns a copy with these {@code content-filters} (null for none). */
    public WsMessageFormat withContentFilters(List<String> filters) {
        return new WsMessageFormat(action, type, content, closeCode, closeReason, filters);
    }

    /**
     * Returns the code of the close frame a client gets for {@code CLOSE}: the publisher's code, or
     * {@value #DEFAULT_CLIENT_CLOSE_CODE} when it gave none. (The origin side of a WebSocket-over-HTTP link still
     * gets a {@code CLOSE} event without a code.)
     */
    public int clientCloseCode() {
        return closeCode == null ? DEFAULT_CLIENT_CLOSE_CODE : closeCode;
    }

    /** Whether {@code code} may travel in a close frame (RFC 6455 §7.4): 1000-1003, 1007-1014 or 3000-4999. */
    public static boolean isSendableCloseCode(long code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    /** Returns a text message. */
    public static WsMessageFormat text(String content) {
        return new WsMessageFormat(Action.SEND, WsMessageType.TEXT, content.getBytes(StandardCharsets.UTF_8),
                null, null);
    }

    /** Returns a binary message; the array is not copied. */
    public static WsMessageFormat binary(byte[] content) {
        return new WsMessageFormat(Action.SEND, WsMessageType.BINARY, content, null, null);
    }

    /** Returns a close with this status code and reason (either may be null). */
    public static WsMessageFormat close(Integer code, String reason) {
        return new WsMessageFormat(Action.CLOSE, null, new byte[0], code, reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WsMessageFormat f && action == f.action && type == f.type
                && Arrays.equals(content, f.content) && Objects.equals(closeCode, f.closeCode)
                && Objects.equals(closeReason, f.closeReason) && Objects.equals(contentFilters, f.contentFilters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, type, Arrays.hashCode(content), closeCode, closeReason, contentFilters);
    }

    @Override
    public String toString() {
        return "WsMessageFormat[action=" + action + ", type=" + type + ", content=" + content.length + " bytes"
                + (closeCode == null ? "" : ", closeCode=" + closeCode)
                + (closeReason == null ? "" : ", closeReason=" + closeReason)
                + (contentFilters == null ? "" : ", contentFilters=" + contentFilters) + "]";
    }
}
