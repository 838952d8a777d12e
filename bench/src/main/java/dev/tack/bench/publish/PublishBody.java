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
 */
public final class PublishBody {
    private PublishBody() {
    }

    /** A body with one item per channel in {@code channels}, all with {@code payload}. */
    public static String items(List<String> channels, String payload) {
        StringBuilder sb = new StringBuilder(64 + channels.size() * (160 + 3 * payload.length()));
        sb.append("{\"items\":[");
        for (int i = 0; i < channels.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendItem(sb, channels.get(i), payload);
        }
        return sb.append("]}").toString();
    }

    /** A body with one item. */
    public static String item(String channel, String payload) {
        return items(List.of(channel), payload);
    }

    private static void appendItem(StringBuilder sb, String channel, String payload) {
        sb.append("{\"channel\":");
        appendString(sb, channel);
        sb.append(",\"formats\":{\"http-stream\":{\"content\":");
        appendString(sb, "data: " + payload + "\n\n");
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
