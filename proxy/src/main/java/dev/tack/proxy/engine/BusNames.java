package dev.tack.proxy.engine;

import java.nio.charset.StandardCharsets;

/**
 * Names on the bus. A channel {@code news} is the Redis channel {@code tack.ch.news} (Redis channel names are
 * binary-safe, so the channel goes in as it is) and the NATS subject {@code tack.ch.news}; node-wide commands
 * travel on {@code tack.control}; {@code tack} is {@code [tack] engine_prefix}. A NATS subject is split into
 * tokens at {@code .}, and {@code *} and {@code >} are wildcards, so for NATS the channel is escaped into one
 * token: every byte of its UTF-8 form that is not printable ASCII, or is one of {@code . * > %}, becomes
 * {@code %XX} ({@code a.b c} is {@code tack.ch.a%2Eb%20c}).
 */
final class BusNames {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String channelPrefix;
    private final String control;

    BusNames(String prefix) {
        this.channelPrefix = prefix + ".ch.";
        this.control = prefix + ".control";
    }

    /** The name of the control channel or subject. */
    String control() {
        return control;
    }

    /** The Redis channel of {@code channel}. */
    String redis(String channel) {
        return channelPrefix + channel;
    }

    /** The channel of a Redis channel name, or null for a name that is not a Tack channel (the control one). */
    String fromRedis(String busChannel) {
        return busChannel.startsWith(channelPrefix) ? busChannel.substring(channelPrefix.length()) : null;
    }

    /** The NATS subject of {@code channel}. */
    String nats(String channel) {
        StringBuilder out = new StringBuilder(channelPrefix.length() + channel.length() + 8).append(channelPrefix);
        for (byte b : channel.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '.' && c != '*' && c != '>' && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** The channel of a NATS subject, or null for a subject that is not a Tack channel. */
    String fromNats(String subject) {
        if (!subject.startsWith(channelPrefix)) {
            return null;
        }
        byte[] out = new byte[subject.length()];
        int n = 0;
        for (int i = channelPrefix.length(); i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c == '%' && i + 2 < subject.length()) {
                out[n++] = (byte) Integer.parseInt(subject.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
