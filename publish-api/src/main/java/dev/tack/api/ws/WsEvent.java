package dev.tack.api.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One WebSocket-over-HTTP event (docs/compatibility.md "WebSocket-over-HTTP").
 *
 * <p>{@code content} is {@code null} when the event carries no content ({@code OPEN\r\n}); an empty array is
 * written with a length ({@code TEXT 0\r\n\r\n}). The array is shared, not copied: treat it as read-only. A
 * {@code CLOSE} event's content is a 2-byte big-endian close code followed by the UTF-8 reason, so
 * {@code close(1000, "")} is {@code CLOSE 2\r\n\x03\xe8\r\n} on the wire.
 */
public record WsEvent(WsEventType type, byte[] content) {
    private static final int MAX_CLOSE_CODE = 0xFFFF;

    public WsEvent {
        Objects.requireNonNull(type, "type");
    }

    /** {@code OPEN\r\n}: the first event of a connection, in both directions. */
    public static WsEvent open() {
        return new WsEvent(WsEventType.OPEN, null);
    }

    /** A text message; its content is the UTF-8 encoding of {@code text}. */
    public static WsEvent text(String text) {
        Objects.requireNonNull(text, "text");
        return new WsEvent(WsEventType.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A binary message carrying {@code data} (shared, not copied). */
    public static WsEvent binary(byte[] data) {
        return new WsEvent(WsEventType.BINARY, Objects.requireNonNull(data, "data"));
    }

    /** A ping; an empty payload is written bare ({@code PING\r\n}), as Pushpin writes it. */
    public static WsEvent ping(byte[] payload) {
        return new WsEvent(WsEventType.PING, payload == null || payload.length == 0 ? null : payload);
    }

    /** A pong; an empty payload is written bare ({@code PONG\r\n}), as Pushpin writes it. */
    public static WsEvent pong(byte[] payload) {
        return new WsEvent(WsEventType.PONG, payload == null || payload.length == 0 ? null : payload);
    }

    /**
     * A close with a status code (0-65535; the codec carries any 16-bit value, a proxy decides what a client may
     * see) and a reason, e.g. {@code CLOSE 5\r\n\x0f\xa1bye\r\n} for {@code close(4001, "bye")}.
     */
    public static WsEvent close(int code, String reason) {
        if (code < 0 || code > MAX_CLOSE_CODE) {
            throw new IllegalArgumentException("close code: " + code + " (expected: 0-65535)");
        }
        byte[] reasonBytes = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        byte[] content = ByteBuffer.allocate(2 + reasonBytes.length)
                .putShort((short) code)
                .put(reasonBytes)
                .array();
        return new WsEvent(WsEventType.CLOSE, content);
    }

    /** {@code CLOSE\r\n}: a close without a status code. */
    public static WsEvent closeWithoutCode() {
        return new WsEvent(WsEventType.CLOSE, null);
    }

    /** {@code DISCONNECT\r\n}: the connection went away (or should go away) without a close handshake. */
    public static WsEvent disconnect() {
        return new WsEvent(WsEventType.DISCONNECT, null);
    }

    /** The close code of a {@code CLOSE} event, or -1 when this is no close or its content has no code. */
    public int closeCode() {
        if (type != WsEventType.CLOSE || content == null || content.length < 2) {
            return -1;
        }
        return ((content[0] & 0xFF) << 8) | (content[1] & 0xFF);
    }

    /** The UTF-8 reason of a {@code CLOSE} event after its code; empty when there is none. */
    public String closeReason() {
        if (type != WsEventType.CLOSE || content == null || content.length <= 2) {
            return "";
        }
        return new String(content, 2, content.length - 2, StandardCharsets.UTF_8);
    }

    /** The content decoded as UTF-8; empty when there is no content. */
    public String text() {
        return content == null ? "" : new String(content, StandardCharsets.UTF_8);
    }

    /** Whether the event has content (even empty content) and so is written with a length. */
    public boolean hasContent() {
        return content != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WsEvent other && type == other.type && Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        if (content == null) {
            return "WsEvent[" + type + "]";
        }
        return switch (type) {
            case TEXT -> "WsEvent[TEXT " + content.length + " \"" + preview(text()) + "\"]";
            case CLOSE -> "WsEvent[CLOSE " + closeCode() + " \"" + closeReason() + "\"]";
            default -> "WsEvent[" + type + " " + content.length + " bytes]";
        };
    }

    private static String preview(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
