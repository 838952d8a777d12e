package dev.tack.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tack.bench.http.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketFrameParserTest {
    @Test
    void readsFramesCutAtEveryByte() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        write(wire, 0x81, "B 1 2");                      // FIN + text
        write(wire, 0x01, "frag-");                      // text, not final
        write(wire, 0x89, "hb");                         // ping between fragments
        write(wire, 0x80, "ment");                       // FIN + continuation
        write(wire, 0x82, "x".repeat(300));              // FIN + binary, 16-bit length
        byte[] bytes = wire.toByteArray();
        List<String> expected = List.of("text:B 1 2", "ping:hb", "text:frag-ment", "binary:" + "x".repeat(300));
        for (int cut = 1; cut < bytes.length; cut++) {
            assertEquals(expected, parse(bytes, cut), "cut at " + cut);
        }
        assertEquals(expected, parse(bytes, 1));
    }

    @Test
    void readsA64BitLength() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(0x81);
        wire.write(127);
        for (int i = 0; i < 6; i++) {
            wire.write(0);
        }
        wire.write(0x00);
        wire.write(0x03);
        wire.writeBytes("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("text:abc"), parse(wire.toByteArray(), Integer.MAX_VALUE));
    }

    @Test
    void readsAnEmptyMessage() {
        assertEquals(List.of("text:"), parse(new byte[] {(byte) 0x81, 0}, Integer.MAX_VALUE));
    }

    @Test
    void rejectsAMaskedServerFrame() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> parse(new byte[] {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 5}, Integer.MAX_VALUE));
        assertEquals("masked frame from the server (expected: unmasked, RFC 6455 §5.1)", e.getMessage());
    }

    @Test
    void rejectsReservedBits() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> parse(new byte[] {(byte) 0xC1, 0}, Integer.MAX_VALUE));
        assertEquals("frame with RSV bits 0x40 (expected: 0, no extension was negotiated)", e.getMessage());
    }

    @Test
    void rejectsAFragmentedControlFrame() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> parse(new byte[] {(byte) 0x09, 0}, Integer.MAX_VALUE));
        assertEquals("control frame of 0 bytes, fin=false (expected: at most 125 bytes, not fragmented)",
                e.getMessage());
    }

    @Test
    void rejectsAContinuationWithoutAStart() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> parse(new byte[] {(byte) 0x80, 0}, Integer.MAX_VALUE));
        assertEquals("continuation frame with no message started (expected: text or binary first)", e.getMessage());
    }

    @Test
    void rejectsAnUnknownOpcode() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> parse(new byte[] {(byte) 0x83, 0}, Integer.MAX_VALUE));
        assertEquals("opcode 0x3 (expected: 0x0-0x2 or 0x8-0xA)", e.getMessage());
    }

    private static void write(ByteArrayOutputStream out, int b0, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
        out.write(b0);
        if (p.length < 126) {
            out.write(p.length);
        } else {
            out.write(126);
            out.write(p.length >> 8);
            out.write(p.length & 0xff);
        }
        out.writeBytes(p);
    }

    /** Parses {@code bytes} fed in pieces of {@code pieceSize} bytes. */
    private static List<String> parse(byte[] bytes, int pieceSize) {
        List<String> out = new ArrayList<>();
        WebSocketFrameParser parser = new WebSocketFrameParser(new WebSocketFrameParser.FrameSink() {
            @Override
            public void message(int opcode, byte[] payload, int length) {
                String kind = opcode == WebSocketFrameParser.OP_TEXT ? "text" : "binary";
                out.add(kind + ":" + new String(payload, 0, length, StandardCharsets.US_ASCII));
            }

            @Override
            public void control(int opcode, byte[] payload, int length) {
                out.add((opcode == WebSocketFrameParser.OP_PING ? "ping" : "control") + ":"
                        + new String(payload, 0, length, StandardCharsets.US_ASCII));
            }
        });
        for (int i = 0; i < bytes.length; i += pieceSize) {
            ByteBuf buf = Unpooled.wrappedBuffer(bytes, i, Math.min(pieceSize, bytes.length - i));
            try {
                parser.decode(buf);
            } finally {
                buf.release();
            }
        }
        return out;
    }
}
