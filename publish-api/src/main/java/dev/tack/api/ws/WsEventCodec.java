package dev.tack.api.ws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes and decodes WebSocket-over-HTTP bodies ({@code Content-Type: application/websocket-events},
 * docs/compatibility.md "WebSocket-over-HTTP"). Each event is {@code TYPE[ hexlen]\r\n[content\r\n]}; a body that opens
 * a connection and says hello is
 * <pre>
 * OPEN\r\n
 * TEXT 5\r\n
 * hello\r\n
 * </pre>
 * and a client closing with 1000 is {@code CLOSE 2\r\n\x03\xe8\r\n}.
 *
 * <p>The decoder follows Pushpin where that is safe: a type line without CRLF or a length that is not
 * hexadecimal makes the whole body invalid; lengths may be upper or lower case; unknown types (and type names
 * in the wrong case) are skipped along with their content. It is deliberately stricter than Pushpin in one
 * place: a body shorter than a declared length, or content not followed by CRLF, is an error, so a reply with
 * a wrong {@code Content-Length} fails cleanly instead of being read as garbage (docs/compatibility.md "Quirks").
 */
public final class WsEventCodec {
    /** More hex digits than this cannot describe a length that fits a Java array. */
    private static final int MAX_HEX_DIGITS = 8;

    private WsEventCodec() {
    }

    /**
     * Writes {@code events} in order: content, whenever non-null, with its length in lowercase hex
     * ({@code TEXT b\r\n[foo][hello\r\n}); events without content bare ({@code OPEN\r\n}).
     */
    public static byte[] encode(List<WsEvent> events) {
        Objects.requireNonNull(events, "events");
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimateSize(events));
        for (WsEvent event : events) {
            writeAscii(out, event.type().name());
            byte[] content = event.content();
            if (content != null) {
                writeAscii(out, " " + Integer.toHexString(content.length));
                writeCrlf(out);
                out.write(content, 0, content.length);
            }
            writeCrlf(out);
        }
        return out.toByteArray();
    }

    /**
     * Reads every event of {@code body}; an empty body has none (a keep-alive poll).
     *
     * @throws WsEventFormatException when the body breaks the grammar; the message names the event, its offset
     *     and the lengths involved
     */
    public static List<WsEvent> decode(byte[] body) throws WsEventFormatException {
        Objects.requireNonNull(body, "body");
        List<WsEvent> events = new ArrayList<>();
        int pos = 0;
        while (pos < body.length) {
            int lineEnd = indexOfCrlf(body, pos);
            if (lineEnd < 0) {
                throw new WsEventFormatException("event line at offset " + pos + " '"
                        + printable(body, pos, Math.min(body.length, pos + 32))
                        + "' has no CRLF (expected: TYPE[ hexlen]\\r\\n)");
            }
            int space = indexOf(body, (byte) ' ', pos, lineEnd);
            int typeEnd = space < 0 ? lineEnd : space;
            String typeName = ascii(body, pos, typeEnd);
            byte[] content = null;
            int next = lineEnd + 2;
            if (space >= 0) {
                int length = parseHexLength(body, space + 1, lineEnd, pos, typeEnd);
                int available = body.length - next;
                if (length > available) {
                    throw new WsEventFormatException(shownType(body, pos, typeEnd) + " at offset " + pos
                            + " declares " + length + " content bytes (0x" + Integer.toHexString(length)
                            + ") but only " + available + " remain");
                }
                int contentEnd = next + length;
                if (contentEnd + 2 > body.length
                        || body[contentEnd] != '\r' || body[contentEnd + 1] != '\n') {
                    throw new WsEventFormatException(shownType(body, pos, typeEnd) + " at offset " + pos
                            + " has " + length + " content bytes not followed by CRLF (expected: content\\r\\n; "
                            + (body.length - contentEnd) + " bytes follow the content)");
                }
                content = new byte[length];
                System.arraycopy(body, next, content, 0, length);
                next = contentEnd + 2;
            }
            WsEventType type = WsEventType.fromWireName(typeName);
            if (type != null) {
                events.add(new WsEvent(type, content));
            }
            pos = next;
        }
        return events;
    }

    private static int parseHexLength(byte[] body, int from, int to, int eventOffset, int typeEnd)
            throws WsEventFormatException {
        int digits = to - from;
        if (digits == 0 || digits > MAX_HEX_DIGITS) {
            throw badLength(body, from, to, eventOffset, typeEnd);
        }
        long length = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(body[i], 16);
            if (digit < 0) {
                throw badLength(body, from, to, eventOffset, typeEnd);
            }
            length = length * 16 + digit;
        }
        if (length > Integer.MAX_VALUE - 2) {
            throw badLength(body, from, to, eventOffset, typeEnd);
        }
        return (int) length;
    }

    private static WsEventFormatException badLength(byte[] body, int from, int to, int offset, int typeEnd) {
        return new WsEventFormatException(shownType(body, offset, typeEnd) + " at offset " + offset + " has length '"
                + printable(body, from, Math.min(to, from + 32)) + "' (expected: hexadecimal content length)");
    }

    private static int indexOfCrlf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] body, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] body, int from, int to) {
        return new String(body, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String shownType(byte[] body, int from, int typeEnd) {
        return printable(body, from, Math.min(typeEnd, from + 32));
    }

    /** The bytes for an error message, non-printable ones as {@code \xNN}. */
    private static String printable(byte[] body, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int c = body[i] & 0xFF;
            if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static int estimateSize(List<WsEvent> events) {
        int size = 0;
        for (WsEvent event : events) {
            size += 16 + (event.content() == null ? 0 : event.content().length);
        }
        return size;
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeCrlf(ByteArrayOutputStream out) {
        out.write('\r');
        out.write('\n');
    }
}
