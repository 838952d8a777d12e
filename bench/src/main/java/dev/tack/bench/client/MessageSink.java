package dev.tack.bench.client;

/** Receives each complete message a transport parser finds: an SSE event's data, a line, a WebSocket text. */
@FunctionalInterface
interface MessageSink {
    /** Takes {@code bytes[offset, offset + length)}; the array is reused after the call returns. */
    void message(byte[] bytes, int offset, int length);
}
