package dev.tack.bench.publish;

import java.util.List;

/**
 * The JSON of a publish request: one item per channel, each carrying the payload in the three formats so
 * WebSocket, HTTP-stream/SSE and long-poll subscribers of one channel all receive it.
 *
 * <pre>
 * {"items":[{"channel":"bench-0","formats":{
 *   "http-stream":{"content":"data: B 7 1767225600123456\n\n"},
 *   "ws-message":{"content":"B 7 1767225600123456"},
 *   "http-response":{"body":"B 7 1767225600123456\n"}}}]}
 * </pre>
 *
 * <p>With an id (the reconnect scenarios), each item carries it and the SSE event names it, so a client
 * that reconnects can send {@code Last-Event-ID}:
 * <pre>
 * {"items":[{"channel":"bench-0","id":"7","formats":{
 *   "http-stream":{"content":"id: 7\ndata: B 7 1767225600123456\n\n"}, ...}}]}
 * </pre>
 */
public final class PublishBody {
    private PublishBody() {
    }

    /** A body with one item per channel in {@code channels}, all with {@code payload}. */
    public static String items(List<String> channels, String payload) {
        return items(channels, payload, null);
    }

    /** A body with one item per channel in {@code channels}, all with {@code payload} and {@code id} (or none). */
    public static String items(List<String> channels, String payload, String id) {
        StringBuilder sb = new StringBuilder(64 + channels.size() * (160 + 3 * payload.length()));
        sb.append("{\"items\":[");
        for (int i = 0; i < channels.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendItem(sb, channels.get(i), payload, id);
        }
        return sb.append("]}").toString();
    }

    /** A body with one item. */
    public static String item(String channel, String payload) {
        return items(List.of(channel), payload);
    }

    private static void appendItem(StringBuilder sb, String channel, String payload, String id) {
        sb.append("{\"channel\":");
        appendString(sb, channel);
        if (id != null) {
            sb.append(",\"id\":");
            appendString(sb, id);
        }
        sb.append(",\"formats\":{\"http-stream\":{\"content\":");
        appendString(sb, (id == null ? "" : "id: " + id + "\n") + "data: " + payload + "\n\n");
        sb.append("},\"ws-message\":{\"content\":");
        appendString(sb, payload);
        sb.append("},\"http-response\":{\"body\":");
        appendString(sb, payload + "\n");
        sb.append("}}}");
    }

    /** Appends {@code s} as a JSON string literal (RFC 8259 §7). */
    static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
