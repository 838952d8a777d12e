package dev.tack.api.ws;

/**
 * A WebSocket-over-HTTP body that does not follow {@code TYPE[ hexlen]\r\n[content\r\n]}. The message names the
 * offending event, its offset in the body and what was expected, e.g.
 * {@code "TEXT at offset 8 declares 16 content bytes (0x10) but only 5 remain"}.
 */
public final class WsEventFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public WsEventFormatException(String message) {
        super(message);
    }
}
