package dev.tack.proxy.delivery;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Encodes delivery payloads into the exact bytes that go on the wire, so a publish is encoded once and every
 * subscriber gets a retained duplicate of the same buffer.
 */
public final class WireEncoding {

    /** RFC 6455 §5.2 opcodes. */
    public static final int OPCODE_TEXT = 0x1;
    public static final int OPCODE_BINARY = 0x2;
    public static final int OPCODE_CLOSE = 0x8;
    public static final int OPCODE_PING = 0x9;
    public static final int OPCODE_PONG = 0xA;

    private WireEncoding() {
    }

    /**
     * Encodes {@code content} as one HTTP/1.1 chunk (RFC 9112 §7.1): {@code 1a\r\n<26 bytes>\r\n}.
     * Empty content would be the terminating chunk, so it yields {@code null}.
     *
     * @return a new buffer owned by the caller, or {@code null} for empty content
     */
    public static ByteBuf httpChunk(ByteBufAllocator alloc, byte[] content) {
        if (content.length == 0) {
            return null;
        }
        byte[] size = Integer.toHexString(content.length).getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = alloc.directBuffer(size.length + content.length + 4);
        buf.writeBytes(size).writeByte('\r').writeByte('\n');
        buf.writeBytes(content).writeByte('\r').writeByte('\n');
        return buf;
    }

    /**
     * Encodes one unmasked, final WebSocket frame as a server sends it (RFC 6455 §5.2), e.g. a text frame
     * {@code 81 02 68 69} for "hi".
     *
     * @return a new buffer owned by the caller
     */
    public static ByteBuf webSocketFrame(ByteBufAllocator alloc, int opcode, byte[] payload) {
        int length = payload.length;
        int headerLength = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf buf = alloc.directBuffer(headerLength + length);
        buf.writeByte(0x80 | opcode);
        if (length < 126) {
            buf.writeByte(length);
        } else if (length <= 0xFFFF) {
            buf.writeByte(126).writeShort(length);
        } else {
            buf.writeByte(127).writeLong(length);
        }
        buf.writeBytes(payload);
        return buf;
    }

    /** The payload of a close frame: a big-endian code and a UTF-8 reason, or nothing without a code. */
    public static byte[] closePayload(Integer code, String reason) {
        if (code == null) {
            return new byte[0];
        }
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) (int) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }
}
