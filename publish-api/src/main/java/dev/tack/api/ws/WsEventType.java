package dev.tack.api.ws;

/**
 * The event types of WebSocket-over-HTTP (docs/compatibility.md "WebSocket-over-HTTP"). The wire name is the constant's
 * name, compared case-sensitively: {@code TEXT} is an event, {@code text} is an unknown type and is skipped.
 */
public enum WsEventType {
    OPEN, TEXT, BINARY, PING, PONG, CLOSE, DISCONNECT;

    /** The type whose wire name is exactly {@code name}, or {@code null} for a name this protocol does not know. */
    static WsEventType fromWireName(String name) {
        return switch (name) {
            case "OPEN" -> OPEN;
            case "TEXT" -> TEXT;
            case "BINARY" -> BINARY;
            case "PING" -> PING;
            case "PONG" -> PONG;
            case "CLOSE" -> CLOSE;
            case "DISCONNECT" -> DISCONNECT;
            default -> null;
        };
    }
}
