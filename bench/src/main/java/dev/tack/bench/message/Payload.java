package dev.tack.bench.message;

import java.nio.charset.StandardCharsets;

/**
 * The text a benchmark message carries: a kind letter, the message's sequence number and the time it was
 * meant to be sent, in microseconds since the epoch, then padding up to the requested size.
 *
 * <pre>
 * B 42 1767225600123456 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
 * W 3 1767225599000000
 * </pre>
 *
 * <p>{@code B} is a measured message; {@code W} is a warm-up probe that proves a subscription is live and is
 * never recorded as a latency. The same text goes into every publish format; only the framing around it
 * differs ({@code data: ...\n\n} for HTTP streams, a bare WebSocket message, a long-poll body ending in
 * {@code \n}).
 */
public record Payload(Kind kind, long seq, long sentMicros) {
    /** Whether a payload is measured or only a probe. */
    public enum Kind {
        MESSAGE('B'),
        PROBE('W');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        static Kind of(byte b) {
            if (b == 'B') {
                return MESSAGE;
            }
            return b == 'W' ? PROBE : null;
        }
    }

    public Payload {
        if (seq < 0) {
            throw new IllegalArgumentException("seq: " + seq + " (expected: >= 0)");
        }
    }

    /**
     * This payload as text of at least {@code size} characters: the fields, then a space and {@code x}
     * padding when the fields alone are shorter than {@code size}.
     */
    public String text(int size) {
        StringBuilder sb = new StringBuilder(Math.max(size, 32));
        sb.append(kind.letter).append(' ').append(seq).append(' ').append(sentMicros);
        if (sb.length() < size) {
            sb.append(' ');
            while (sb.length() < size) {
                sb.append('x');
            }
        }
        return sb.toString();
    }

    /**
     * Parses the payload at the start of {@code bytes[offset, offset + length)}; anything after the timestamp
     * is ignored. Returns {@code null} when the bytes are not a benchmark payload (a keep-alive, a proxy's own
     * text, a truncated message), so the caller can count them without an exception per message.
     */
    public static Payload parse(byte[] bytes, int offset, int length) {
        int end = offset + length;
        if (length < 5 || bytes[offset + 1] != ' ') {
            return null;
        }
        Kind kind = Kind.of(bytes[offset]);
        if (kind == null) {
            return null;
        }
        int i = offset + 2;
        long seq = 0;
        int digits = 0;
        for (; i < end && bytes[i] != ' '; i++, digits++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9 || digits == 18) {
                return null;
            }
            seq = seq * 10 + d;
        }
        if (digits == 0 || i == end) {
            return null;
        }
        i++;
        long sent = 0;
        digits = 0;
        for (; i < end && bytes[i] != ' '; i++, digits++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9 || digits == 18) {
                return null;
            }
            sent = sent * 10 + d;
        }
        return digits == 0 ? null : new Payload(kind, seq, sent);
    }

    /** {@link #parse(byte[], int, int)} of a string, for tests and tools. */
    public static Payload parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return parse(bytes, 0, bytes.length);
    }
}
