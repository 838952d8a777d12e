package dev.tack.bench.http;

/**
 * Bytes from the server that break the protocol (a bad status line, a non-hex chunk size, a masked WebSocket
 * frame). The message names the offending value and what was expected; the connection that saw it is
 * counted as failed and closed.
 */
public final class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }
}
