package dev.tack.bench.http;

import io.netty.buffer.ByteBuf;

/**
 * Splits one response body into content slices according to its framing (RFC 9112 §6): chunked transfer
 * coding, a {@code Content-Length}, or everything until the server closes. Input may be cut anywhere,
 * including inside a chunk-size line or between the CR and LF that end a chunk.
 *
 * <pre>
 * 1c\r\n
 * data: B 0 1767225600123456\n\n\r\n
 * 0\r\n
 * \r\n
 * </pre>
 *
 * <p>Content is handed on without copying. Not thread-safe; one per response.
 */
public final class BodyDecoder {
    private enum Framing { CHUNKED, LENGTH, UNTIL_CLOSE }

    private enum State { SIZE, SIZE_EXTENSION, DATA, DATA_CR, DATA_LF, TRAILER, DONE }

    private final Framing framing;
    private State state;
    private long remaining;
    private int sizeDigits;
    private int trailerLineLength;

    private BodyDecoder(Framing framing, long length) {
        this.framing = framing;
        this.remaining = length;
        this.state = switch (framing) {
            case CHUNKED -> State.SIZE;
            case LENGTH -> length == 0 ? State.DONE : State.DATA;
            case UNTIL_CLOSE -> State.DATA;
        };
    }

    /** A decoder for the body that follows {@code head}; 1xx, 204 and 304 responses have none. */
    public static BodyDecoder forHead(ResponseHead head) {
        int s = head.status();
        if (s < 200 || s == 204 || s == 304) {
            return new BodyDecoder(Framing.LENGTH, 0);
        }
        if (head.chunked()) {
            return new BodyDecoder(Framing.CHUNKED, 0);
        }
        long length = head.contentLength();
        return length >= 0 ? new BodyDecoder(Framing.LENGTH, length) : new BodyDecoder(Framing.UNTIL_CLOSE, 0);
    }

    /**
     * Consumes this body's bytes from {@code in}, handing content to {@code sink}.
     *
     * @param in received bytes; owned by the caller. Bytes after the end of the body stay readable.
     * @return whether the body is complete
     * @throws WireFormatException on a malformed chunk-size line or chunk ending
     */
    public boolean decode(ByteBuf in, ContentSink sink) {
        while (state != State.DONE && in.isReadable()) {
            if (state == State.DATA) {
                int n = framing == Framing.UNTIL_CLOSE
                        ? in.readableBytes() : (int) Math.min(remaining, in.readableBytes());
                sink.content(in, in.readerIndex(), n);
                in.skipBytes(n);
                remaining -= n;
                if (framing != Framing.UNTIL_CLOSE && remaining == 0) {
                    state = framing == Framing.CHUNKED ? State.DATA_CR : State.DONE;
                }
            } else {
                step(in.readByte());
            }
        }
        return state == State.DONE;
    }

    /** Whether the body is complete. */
    public boolean done() {
        return state == State.DONE;
    }

    /**
     * Tells the decoder the connection closed. A body delimited by the close is then complete; any other
     * unfinished body is an error.
     */
    public void endOfInput() {
        if (framing == Framing.UNTIL_CLOSE) {
            state = State.DONE;
        } else if (state != State.DONE) {
            throw new WireFormatException("connection closed inside a " + framing.name().toLowerCase()
                    + " body (expected: the rest of the body)");
        }
    }

    private void step(byte b) {
        switch (state) {
            case SIZE -> sizeByte(b);
            case SIZE_EXTENSION -> {
                if (b == '\n') {
                    sizeLineEnded();
                }
            }
            case DATA_CR -> {
                if (b == '\r') {
                    state = State.DATA_LF;
                } else if (b == '\n') {
                    state = State.SIZE;
                } else {
                    throw new WireFormatException("byte 0x" + Integer.toHexString(b & 0xff)
                            + " after chunk data (expected: CRLF)");
                }
            }
            case DATA_LF -> {
                if (b != '\n') {
                    throw new WireFormatException("byte 0x" + Integer.toHexString(b & 0xff)
                            + " after chunk data and CR (expected: LF)");
                }
                state = State.SIZE;
            }
            case TRAILER -> {
                if (b == '\n') {
                    if (trailerLineLength == 0) {
                        state = State.DONE;
                    }
                    trailerLineLength = 0;
                } else if (b != '\r') {
                    trailerLineLength++;
                }
            }
            default -> throw new IllegalStateException("no byte step in state " + state);
        }
    }

    private void sizeByte(byte b) {
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
            if (sizeDigits == 15) {
                throw new WireFormatException("chunk size with more than 15 hex digits (expected: a size below 2^60)");
            }
            remaining = remaining * 16 + digit;
            sizeDigits++;
        } else if (b == ';' || b == ' ' || b == '\t') {
            state = State.SIZE_EXTENSION;
        } else if (b == '\n') {
            sizeLineEnded();
        } else if (b != '\r') {
            throw new WireFormatException("byte 0x" + Integer.toHexString(b & 0xff)
                    + " in a chunk-size line (expected: hex digits)");
        }
    }

    private void sizeLineEnded() {
        if (sizeDigits == 0) {
            throw new WireFormatException("empty chunk-size line (expected: hex digits)");
        }
        sizeDigits = 0;
        if (remaining == 0) {
            state = State.TRAILER;
            trailerLineLength = 0;
        } else {
            state = State.DATA;
        }
    }
}
