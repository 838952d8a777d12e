package dev.tack.proxy.history;

import dev.tack.proxy.delivery.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How positions are written for clients (docs/history.md "Positions"). Tack's own token for one channel is
 * {@code t1.<epoch>.<offset>}, e.g. {@code t1.k3x9qa7.42}; several channels are written as the composite that
 * django-eventstream and Pushpin's {@code build-id} filter use, {@code <channel>:<id>,<channel>:<id>}, with each
 * channel name percent-encoded ({@code room%3A1:t1.k3x9qa7.42,news:17}) so that {@code :} and {@code ,} in a name
 * cannot be misread.
 */
final class Tokens {

    private static final Pattern TOKEN = Pattern.compile("t1\\.([a-z0-9]{1,32})\\.([0-9]{1,18})");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Tokens() {
    }

    /** Tack's token for a position: {@code t1.<epoch>.<offset>}. */
    static String token(StreamPosition position) {
        return "t1." + position.epoch() + "." + position.offset();
    }

    /** The position a token names, or null when {@code value} is not one of Tack's tokens. */
    static StreamPosition parseToken(String value) {
        Matcher m = TOKEN.matcher(value);
        return m.matches() ? new StreamPosition(m.group(1), Long.parseLong(m.group(2))) : null;
    }

    /** The composite of every channel's token, in the map's order: {@code news:t1.k3x9qa7.42,room-1:t1.a1b2.7}. */
    static String composite(Map<String, StreamPosition> positions) {
        StringBuilder out = new StringBuilder();
        positions.forEach((channel, position) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(quote(channel)).append(':').append(token(position));
        });
        return out.toString();
    }

    /**
     * Reads a composite, {@code <channel>:<id>,<channel>:<id>}: each part split at its first {@code :}, the channel
     * percent-decoded. Returns null when a part has no {@code :} or an empty channel (the value is then a bare id).
     */
    static Map<String, String> parseComposite(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : value.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String channel = unquote(part.substring(0, colon));
            if (channel == null) {
                return null;
            }
            out.putIfAbsent(channel, part.substring(colon + 1));
        }
        return out;
    }

    /** Percent-encodes every byte but {@code A-Z a-z 0-9 - _ . ~} (RFC 3986's unreserved characters). */
    static String quote(String channel) {
        StringBuilder out = new StringBuilder(channel.length() + 8);
        for (byte b : channel.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Percent-decodes {@code text} as UTF-8; null for a broken escape. */
    static String unquote(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '%') {
                int next = text.indexOf('%', i);
                int end = next < 0 ? text.length() : next;
                byte[] run = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(run, 0, run.length);
                i = end;
                continue;
            }
            if (i + 2 >= text.length()) {
                return null;
            }
            int high = Character.digit(text.charAt(i + 1), 16);
            int low = Character.digit(text.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            out.write(high << 4 | low);
            i += 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
