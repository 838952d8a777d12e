package dev.tack.bench.origin;

import dev.tack.bench.http.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The little of the WebSocket-over-HTTP event format the origin needs: the event types in a request body,
 * and the body that accepts and subscribes a connection.
 *
 * <pre>
 * OPEN\r\n
 * TEXT 2f\r\n
 * c:{"type":"subscribe","channel":"bench-0"}\r\n
 * </pre>
 */
final class WsEvents {
    static final String CONTENT_TYPE = "application/websocket-events";

    private WsEvents() {
    }

    /**
     * The types of the events in {@code body}, in order ({@code OPEN}, {@code TEXT}, {@code CLOSE}, ...).
     *
     * @throws WireFormatException when a type line lacks its CRLF or has a non-hex length
     */
    static List<String> types(byte[] body) {
        List<String> types = new ArrayList<>();
        int i = 0;
        while (i < body.length) {
            int eol = indexOfCrlf(body, i);
            if (eol < 0) {
                throw new WireFormatException("event line '" + new String(body, i, body.length - i,
                        StandardCharsets.ISO_8859_1) + "' without CRLF (expected: TYPE [hexlen]\\r\\n)");
            }
            String line = new String(body, i, eol - i, StandardCharsets.ISO_8859_1);
            int space = line.indexOf(' ');
            types.add(space < 0 ? line : line.substring(0, space));
            i = eol + 2;
            if (space >= 0) {
                int length;
                try {
                    length = Integer.parseInt(line.substring(space + 1), 16);
                } catch (NumberFormatException e) {
                    throw new WireFormatException("event length '" + line.substring(space + 1)
                            + "' (expected: hexadecimal)");
                }
                i += length + 2;
            }
        }
        return types;
    }

    /** The response body that accepts a connection and subscribes it to {@code channel}. */
    static String openAndSubscribe(String channel) {
        String control = "c:{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}";
        int length = control.getBytes(StandardCharsets.UTF_8).length;
        return "OPEN\r\nTEXT " + Integer.toHexString(length) + "\r\n" + control + "\r\n";
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
