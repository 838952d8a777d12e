package dev.tack.api.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 */
public record WsMessageFormat(Action action, WsMessageType type, byte[] content, Integer closeCode,
        String closeReason) implements Format {

    public WsMessageFormat {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(content, "content");
        if (action == Action.SEND && type == null) {
            throw new IllegalArgumentException("type: null (expected: a message type for action SEND)");
        }
        if (closeCode != null && closeCode < 0) {
            throw new IllegalArgumentException("closeCode: " + closeCode + " (expected: >= 0)");
        }
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
                && Objects.equals(closeReason, f.closeReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, type, Arrays.hashCode(content), closeCode, closeReason);
    }

    @Override
    public String toString() {
        return "WsMessageFormat[action=" + action + ", type=" + type + ", content=" + content.length + " bytes"
                + (closeCode == null ? "" : ", closeCode=" + closeCode)
                + (closeReason == null ? "" : ", closeReason=" + closeReason) + "]";
    }
}
