package dev.tack.api.grip;

import dev.tack.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads structured header values the way Pushpin does (docs/compatibility.md "GRIP instructions"), for every
 * {@code Grip-*} header.
 *
 * <p>Three views of a header:
 * <ul>
 *   <li>{@link #first}: the first occurrence as is (no comma splitting), e.g. {@code Grip-Hold};
 *   <li>{@link #all}: every occurrence, split on commas outside double quotes, each part trimmed, e.g.
 *       {@code Grip-Expose-Headers: Content-Type, ETag};
 *   <li>{@link #allAsParameters}: the same parts, each parsed as
 *       {@code value; name=val; name2="quoted \"val\""}. A part whose quoted string is broken is dropped:
 *       {@code apple; type=gala, banana; type="yellow, cherry} gives only {@code apple}.
 * </ul>
 *
 * <p>Strings here are wire text: one char per byte (ISO-8859-1), which is how Netty decodes and encodes header
 * values. {@link #toUnicode} and {@link #toWire} convert to and from real text where Pushpin reads UTF-8
 * (channel names, meta, JSON bodies).
 */
public final class HeaderValues {

    /** How the first element of a value is read. */
    public enum Mode {
        /** The first element is a bare value ({@code name} only) that ends at the first {@code ;}. */
        FIRST_IS_VALUE,
        /** Every element is a {@code name=value} parameter, the first one too ({@code Grip-Set-Meta}). */
        ALL_PARAMETERS
    }

    /** One element of a parameter list; {@code value} is null when the element had no {@code =}. */
    public record Parameter(String name, String value) {
    }

    /** The parsed elements of one header value part, in order. Name lookups ignore case. */
    public record Parameters(List<Parameter> list) {
        public Parameters {
            list = List.copyOf(list);
        }

        /** Returns whether there are no elements. */
        public boolean isEmpty() {
            return list.isEmpty();
        }

        /** Returns the name of the first element (the bare value in {@link Mode#FIRST_IS_VALUE}), or null. */
        public String first() {
            return list.isEmpty() ? null : list.get(0).name();
        }

        /** Returns whether any element has this name. */
        public boolean contains(String name) {
            return list.stream().anyMatch(p -> p.name().equalsIgnoreCase(name));
        }

        /** Returns the value of the first element with this name; null if absent or given without {@code =}. */
        public String get(String name) {
            for (Parameter p : list) {
                if (p.name().equalsIgnoreCase(name)) {
                    return p.value();
                }
            }
            return null;
        }

        /** Returns the values of every element (after the first) with this name, in order. */
        public List<String> getAll(String name) {
            List<String> out = new ArrayList<>();
            for (int i = 1; i < list.size(); i++) {
                Parameter p = list.get(i);
                if (p.name().equalsIgnoreCase(name)) {
                    out.add(p.value() == null ? "" : p.value());
                }
            }
            return out;
        }
    }

    private HeaderValues() {
    }

    /** Returns the value of the first header named {@code name} (ignoring case), or null. */
    public static String first(List<Header> headers, String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Returns whether a header named {@code name} (ignoring case) is present. */
    public static boolean contains(List<Header> headers, String name) {
        return first(headers, name) != null;
    }

    /** Returns every occurrence of the header, split on commas outside quotes, parts trimmed. */
    public static List<String> all(List<Header> headers, String name) {
        List<String> out = new ArrayList<>();
        for (Header h : headers) {
            if (h.is(name)) {
                out.addAll(split(h.value()));
            }
        }
        return out;
    }

    /** Returns every part of every occurrence of the header, parsed; broken parts are left out. */
    public static List<Parameters> allAsParameters(List<Header> headers, String name, Mode mode) {
        List<Parameters> out = new ArrayList<>();
        for (String part : all(headers, name)) {
            parse(part, mode).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Returns the first occurrence of the header (not comma split) parsed as parameters, or empty when the header
     * is absent, its value is empty, or a quoted string in it is broken.
     */
    public static Optional<Parameters> firstAsParameters(List<Header> headers, String name, Mode mode) {
        String value = first(headers, name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return parse(value, mode);
    }

    /**
     * Splits one header value on commas that are outside double quotes, trimming each part. An unterminated quote
     * (or a backslash at the very end inside quotes) makes the rest of the value one part. An empty value has no
     * parts; empty parts between commas are kept.
     */
    public static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        int pos = 0;
        while (pos < value.length()) {
            int end = indexOfUnquotedComma(value, pos);
            if (end < 0) {
                parts.add(trim(value.substring(pos)));
                break;
            }
            parts.add(trim(value.substring(pos, end)));
            pos = end + 1;
        }
        return parts;
    }

    /**
     * Parses one part: {@code value; a=b; c="q\"x"}. In a quoted string a backslash takes the next char as is;
     * text after the closing quote up to the next {@code ;} is ignored. Returns empty when a quoted string is not
     * terminated or ends in a lone backslash.
     */
    public static Optional<Parameters> parse(String in, Mode mode) {
        List<Parameter> out = new ArrayList<>();
        int start = 0;
        if (mode == Mode.FIRST_IS_VALUE) {
            // The bare value ends at the first ';' whether or not it is inside quotes (Pushpin reads it so).
            int at = in.indexOf(';');
            out.add(new Parameter(trim(at < 0 ? in : in.substring(0, at)), null));
            start = at < 0 ? in.length() : at + 1;
        }
        while (start < in.length()) {
            int at = indexOfAny(in, start);
            if (at < 0) {
                out.add(new Parameter(trim(in.substring(start)), null));
                break;
            }
            String name = trim(in.substring(start, at));
            if (in.charAt(at) == ';') {
                out.add(new Parameter(name, null));
                start = at + 1;
                continue;
            }
            int v = at + 1;
            if (v < in.length() && in.charAt(v) == '"') {
                StringBuilder value = new StringBuilder();
                int close = readQuoted(in, v + 1, value);
                if (close < 0) {
                    return Optional.empty();
                }
                out.add(new Parameter(name, value.toString()));
                int semi = in.indexOf(';', close + 1);
                start = semi < 0 ? in.length() : semi + 1;
            } else {
                int semi = in.indexOf(';', v);
                out.add(new Parameter(name, trim(semi < 0 ? in.substring(v) : in.substring(v, semi))));
                start = semi < 0 ? in.length() : semi + 1;
            }
        }
        return Optional.of(new Parameters(out));
    }

    /**
     * Returns the text that the wire bytes of {@code wire} spell in UTF-8 (Pushpin reads channel names and meta
     * this way). A string with a char above U+00FF did not come from the wire and is returned unchanged.
     */
    public static String toUnicode(String wire) {
        if (isAscii(wire) || !isLatin1(wire)) {
            return wire;
        }
        return new String(wire.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Returns the wire text (one char per byte) of the UTF-8 encoding of {@code text}; the inverse of toUnicode. */
    public static String toWire(String text) {
        if (isAscii(text)) {
            return text;
        }
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Returns the bytes a wire string stands for: ISO-8859-1, or UTF-8 if it holds chars above U+00FF. */
    public static byte[] wireBytes(String wire) {
        return wire.getBytes(isLatin1(wire) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    // Returns the index of the closing quote, or -1 if the quoted string is broken.
    private static int readQuoted(String in, int from, StringBuilder value) {
        for (int n = from; n < in.length(); n++) {
            char c = in.charAt(n);
            if (c == '\\') {
                if (n + 1 >= in.length()) {
                    return -1;
                }
                value.append(in.charAt(++n));
            } else if (c == '"') {
                return n;
            } else {
                value.append(c);
            }
        }
        return -1;
    }

    private static int indexOfAny(String in, int from) {
        for (int n = from; n < in.length(); n++) {
            char c = in.charAt(n);
            if (c == '=' || c == ';') {
                return n;
            }
        }
        return -1;
    }

    // Returns the comma's index, value.length() if none, or -1 when a quote is unterminated.
    private static int indexOfUnquotedComma(String value, int from) {
        boolean quoted = false;
        for (int n = from; n < value.length(); n++) {
            char c = value.charAt(n);
            if (quoted) {
                if (c == '\\') {
                    if (++n >= value.length()) {
                        return -1;
                    }
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                return n;
            }
        }
        return quoted ? -1 : value.length();
    }

    /** Trims ASCII whitespace (space, tab, CR, LF, VT, FF) from both ends. */
    static String trim(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
