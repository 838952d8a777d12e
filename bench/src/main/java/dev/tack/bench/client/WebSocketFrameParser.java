package dev.tack.bench.client;

import dev.tack.bench.http.WireFormatException;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Incremental parser of the frames a WebSocket server sends to a client (RFC 6455 §5.2). Frames may arrive
 * split at any byte; fragmented messages (a text or binary frame without FIN, then continuations) are joined
 * before they are handed on, as Pushpin splits messages over 16 KiB into frames. Control frames may arrive
 * between fragments.
 *
 * <pre>
 * 81 1a 42 20 37 20 31 37 ...   FIN + text, length 26, "B 7 1767225600123456 xxxxx"
 * 89 00                         FIN + ping, empty
 * </pre>
 *
 * <p>Server frames must not be masked and no extension is negotiated, so a mask bit or an RSV bit is an
 * error. Not thread-safe; one per connection.
 */
final class WebSocketFrameParser {
    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;

    /** The largest message accepted. */
    static final int MAX_MESSAGE = 16 << 20;

    /** Receives whole messages and control frames. Arrays are reused after each call returns. */
    interface FrameSink {
        /** A complete text or binary message. */
        void message(int opcode, byte[] payload, int length);

        /** A close, ping or pong frame. */
        void control(int opcode, byte[] payload, int length);
    }

    private final FrameSink sink;
    private final byte[] head = new byte[10];
    private int headLength;
    private int headNeeded = 2;
    private boolean inPayload;
    private int frameOpcode;
    private boolean frameFin;
    private long frameRemaining;

    private byte[] message = new byte[64];
    private int messageLength;
    private int messageOpcode = -1;
    private final byte[] control = new byte[125];
    private int controlLength;

    WebSocketFrameParser(FrameSink sink) {
        this.sink = sink;
    }

    /**
     * Consumes all readable bytes of {@code in}.
     *
     * @param in received bytes; owned by the caller, only its reader index moves
     * @throws WireFormatException on a frame RFC 6455 forbids a server to send
     */
    void decode(ByteBuf in) {
        while (in.isReadable()) {
            if (!inPayload) {
                head[headLength++] = in.readByte();
                if (headLength == headNeeded && headComplete()) {
                    startPayload();
                }
            } else {
                int n = (int) Math.min(frameRemaining, in.readableBytes());
                if (isControl(frameOpcode)) {
                    in.readBytes(control, controlLength, n);
                    controlLength += n;
                } else {
                    in.readBytes(message, messageLength, n);
                    messageLength += n;
                }
                frameRemaining -= n;
                if (frameRemaining == 0) {
                    frameEnded();
                }
            }
        }
    }

    /** Reads the length fields once the first two bytes are in; true when the whole header is in. */
    private boolean headComplete() {
        if (headLength == 2) {
            int b0 = head[0] & 0xff;
            int b1 = head[1] & 0xff;
            if ((b0 & 0x70) != 0) {
                throw new WireFormatException("frame with RSV bits 0x" + Integer.toHexString(b0 & 0x70)
                        + " (expected: 0, no extension was negotiated)");
            }
            if ((b1 & 0x80) != 0) {
                throw new WireFormatException("masked frame from the server (expected: unmasked, RFC 6455 §5.1)");
            }
            int len7 = b1 & 0x7f;
            headNeeded = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
            if (headNeeded > 2) {
                return false;
            }
        }
        return true;
    }

    private void startPayload() {
        int b0 = head[0] & 0xff;
        frameFin = (b0 & 0x80) != 0;
        frameOpcode = b0 & 0x0f;
        long length = head[1] & 0x7f;
        if (headNeeded == 4) {
            length = ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        } else if (headNeeded == 10) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (head[i] & 0xff);
            }
            if (length < 0) {
                throw new WireFormatException("frame length with the top bit set (expected: below 2^63)");
            }
        }
        checkOpcode(length);
        headLength = 0;
        headNeeded = 2;
        frameRemaining = length;
        inPayload = true;
        if (frameRemaining == 0) {
            frameEnded();
        }
    }

    private void checkOpcode(long length) {
        if (isControl(frameOpcode)) {
            if (frameOpcode != OP_CLOSE && frameOpcode != OP_PING && frameOpcode != OP_PONG) {
                throw new WireFormatException("opcode 0x" + Integer.toHexString(frameOpcode)
                        + " (expected: 0x0-0x2 or 0x8-0xA)");
            }
            if (!frameFin || length > 125) {
                throw new WireFormatException("control frame of " + length + " bytes, fin=" + frameFin
                        + " (expected: at most 125 bytes, not fragmented)");
            }
            controlLength = 0;
            return;
        }
        if (frameOpcode == OP_CONTINUATION) {
            if (messageOpcode < 0) {
                throw new WireFormatException("continuation frame with no message started (expected: text or binary first)");
            }
        } else if (frameOpcode == OP_TEXT || frameOpcode == OP_BINARY) {
            if (messageOpcode >= 0) {
                throw new WireFormatException("new data frame inside a fragmented message (expected: continuation)");
            }
            messageOpcode = frameOpcode;
            messageLength = 0;
        } else {
            throw new WireFormatException("opcode 0x" + Integer.toHexString(frameOpcode)
                    + " (expected: 0x0-0x2 or 0x8-0xA)");
        }
        long total = messageLength + length;
        if (total > MAX_MESSAGE) {
            throw new WireFormatException("message of " + total + " bytes (expected: at most " + MAX_MESSAGE + ")");
        }
        if (total > message.length) {
            message = Arrays.copyOf(message, (int) Math.min(MAX_MESSAGE, Math.max(total, message.length * 2L)));
        }
    }

    private void frameEnded() {
        inPayload = false;
        if (isControl(frameOpcode)) {
            sink.control(frameOpcode, control, controlLength);
        } else if (frameFin) {
            int opcode = messageOpcode;
            messageOpcode = -1;
            sink.message(opcode, message, messageLength);
            messageLength = 0;
            if (message.length > 4096) {
                message = new byte[64];
            }
        }
    }

    private static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }
}
