package dev.tack.api.grip;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tack.api.Header;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field readers for Pushpin's JSON documents, shared by the grip-instruct parser here and the publish codec
 * ({@code dev.tack.api.publish}). Each failure carries Pushpin's exact text, built from the parent's name and
 * the field's name: {@code 'http-stream' contains 'content' with wrong type}, {@code hold does not contain
 * 'channels'}, {@code channel is not an object}.
 *
 * <p>Rules carried over from Pushpin: a field set to JSON {@code null} counts as absent where the field is
 * optional and is read as a string, object or list, and as the wrong type everywhere else. Binary nodes (from
 * tnetstring input) count as strings, and their bytes are taken as is. Integers may be JSON numbers with an
 * integral value or decimal strings ({@code "404"}); Pushpin also turns booleans, fractions and non-numeric
 * strings into numbers silently, which Tack rejects as the wrong type.
 */
public final class JsonFields {

    /** A field that does not meet Pushpin's schema; the message is Pushpin's text for it (may be empty). */
    public static final class FieldException extends Exception {
        private static final long serialVersionUID = 1L;

        public FieldException(String message) {
            super(message, null, false, false);
        }
    }

    // Strict JSON as Qt's parser reads it: no comments, no trailing content. ObjectReader is immutable.
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private JsonFields() {
    }

    /**
     * Parses a JSON document whose top level is an object or an array. Returns null when the bytes are not
     * JSON, or are a bare scalar (Pushpin counts {@code 5} or {@code "x"} as invalid JSON too).
     */
    public static JsonNode parseDocument(byte[] body) {
        try {
            JsonNode doc = READER.readTree(body);
            return doc != null && (doc.isObject() || doc.isArray()) ? doc : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Throws {@code <parent> is not an object} unless {@code in} is a JSON object. */
    public static void requireObject(JsonNode in, String parent) throws FieldException {
        if (in == null || !in.isObject()) {
            throw new FieldException(parent + " is not an object");
        }
    }

    /**
     * Returns a string field; null when absent (or JSON null, unless required).
     *
     * @throws FieldException {@code <parent> does not contain '<field>'} when required and absent, or
     *     {@code <parent> contains '<field>' with wrong type}
     */
    public static String string(JsonNode in, String parent, String field, boolean required) throws FieldException {
        JsonNode v = child(in, parent, field, required);
        if (v == null || (v.isNull() && !required)) {
            return null;
        }
        String s = text(v);
        if (s == null) {
            throw wrongType(parent, field);
        }
        return s;
    }

    /** Returns an optional object field, or null when absent or JSON null; anything else but an object fails. */
    public static JsonNode object(JsonNode in, String parent, String field) throws FieldException {
        JsonNode v = child(in, parent, field, false);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(parent, field);
        }
        return v;
    }

    /** Returns a list field; null when optional and absent (or JSON null). */
    public static JsonNode list(JsonNode in, String parent, String field, boolean required) throws FieldException {
        JsonNode v = child(in, parent, field, required);
        if (v == null || (v.isNull() && !required)) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(parent, field);
        }
        return v;
    }

    /**
     * Returns the integer {@code value} of field {@code field}, clamped to the long range.
     *
     * @throws FieldException {@code <parent> contains '<field>' with wrong type}
     */
    public static long integer(JsonNode value, String parent, String field) throws FieldException {
        if (value != null && value.isNumber()) {
            if (!finite(value)) {
                // 1e400 reads as infinity: it has no decimal value and is no integer Tack can use.
                throw wrongType(parent, field);
            }
            BigDecimal d = value.decimalValue();
            if (d.stripTrailingZeros().scale() <= 0) {
                return clamp(d);
            }
        } else if (value != null && value.isTextual()) {
            String s = HeaderValues.trim(value.textValue());
            if (s.matches("[+-]?[0-9]+")) {
                return clamp(new BigDecimal(s.startsWith("+") ? s.substring(1) : s));
            }
        }
        throw wrongType(parent, field);
    }

    /** Whether a number node has a finite value ({@code 1e400} reads as infinity, which has no decimal value). */
    public static boolean finite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }

    /** Returns the bytes of a string field's value (UTF-8) or of a binary value (as is); otherwise wrong type. */
    public static byte[] content(JsonNode value, String parent, String field) throws FieldException {
        if (value != null && value.isBinary()) {
            return binary(value);
        }
        if (value != null && value.isTextual()) {
            return value.textValue().getBytes(StandardCharsets.UTF_8);
        }
        throw wrongType(parent, field);
    }

    /**
     * Returns the decoded bytes of an optional base64 string field ({@code body-bin}, {@code content-bin}); empty
     * when absent or null. A binary value is taken as raw bytes. Decoding is lenient as Pushpin's is: chars outside
     * the base64 alphabets are skipped and decoding stops at {@code =}.
     */
    public static byte[] base64(JsonNode in, String parent, String field) throws FieldException {
        JsonNode v = in.get(field);
        if (v != null && v.isBinary()) {
            return binary(v);
        }
        String s = string(in, parent, field, false);
        return s == null ? new byte[0] : decodeBase64(s);
    }

    /**
     * Returns the decoded bytes of an optional base64 string field of a publish ({@code body-bin}, {@code
     * content-bin}); empty when absent or null; a binary value is taken as raw bytes. Unlike {@link #base64}, the
     * text must be base64 and nothing else: the standard alphabet or the URL-safe one (not both), padding optional but
     * correct when present, no spaces or line breaks. Pushpin decodes leniently and publishes whatever comes out;
     * Tack refuses such an item (docs/compatibility.md "Quirks").
     *
     * @throws FieldException {@code <parent> contains '<field>' with invalid value (expected: base64 ...)}
     */
    public static byte[] strictBase64(JsonNode in, String parent, String field) throws FieldException {
        JsonNode v = in.get(field);
        if (v != null && v.isBinary()) {
            return binary(v);
        }
        String s = string(in, parent, field, false);
        if (s == null) {
            return new byte[0];
        }
        try {
            return java.util.Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException standard) {
            try {
                return java.util.Base64.getUrlDecoder().decode(s);
            } catch (IllegalArgumentException urlSafe) {
                throw new FieldException(parent + " contains '" + field + "' with invalid value (expected: base64, "
                        + "standard or URL-safe alphabet, nothing else)");
            }
        }
    }

    /**
     * Reads {@code headers} given as an object {@code {"Name": "value"}} or a list {@code [["Name", "value"]]}.
     * Names and values come back as wire text (UTF-8 bytes, one char per byte; see {@link HeaderValues#toWire}).
     */
    public static List<Header> headers(JsonNode value, String parent) throws FieldException {
        List<Header> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            for (JsonNode h : value) {
                if (!h.isArray()) {
                    throw new FieldException("headers contains element with wrong type");
                }
                if (h.size() != 2) {
                    throw new FieldException("headers contains list with wrong number of elements");
                }
                String name = text(h.get(0));
                if (name == null) {
                    throw new FieldException("header contains name element with wrong type");
                }
                String val = text(h.get(1));
                if (val == null) {
                    throw new FieldException("header contains value element with wrong type");
                }
                out.add(header(HeaderValues.toWire(name), HeaderValues.toWire(val), parent));
            }
        } else if (value != null && value.isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                String val = text(e.getValue());
                if (val == null) {
                    throw new FieldException("headers contains '" + e.getKey() + "' with wrong type");
                }
                out.add(header(HeaderValues.toWire(e.getKey()), HeaderValues.toWire(val), parent));
            }
        } else {
            throw wrongType(parent, "headers");
        }
        return List.copyOf(out);
    }

    /**
     * A header that can go on the wire: its name an HTTP token (RFC 9110 §5.1), its value free of control
     * characters other than tab (no CR or LF that would end the header early).
     */
    private static Header header(String name, String value, String parent) throws FieldException {
        if (!isToken(name)) {
            throw new FieldException(parent + " contains header name '" + printable(name)
                    + "' with invalid value (expected: an HTTP token such as X-Name)");
        }
        if (hasControl(value)) {
            throw new FieldException(parent + " contains header '" + name
                    + "' with invalid value (expected: no CR, LF or other control characters)");
        }
        return new Header(name, value);
    }

    /**
     * Checks a status line's reason phrase (wire text): no CR, LF or other control characters but tab.
     *
     * @throws FieldException {@code <parent> contains 'reason' with invalid value (expected: ...)}
     */
    public static void checkReason(String reason, String parent) throws FieldException {
        if (reason != null && hasControl(reason)) {
            throw new FieldException(parent + " contains 'reason' with invalid value (expected: no CR, LF or other "
                    + "control characters)");
        }
    }

    /** Whether {@code s} is a non-empty RFC 9110 token: letters, digits and {@code !#$%&'*+-.^_`|~}. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** Reads the optional {@code meta} object field, whose values must be strings; empty map when absent. */
    public static Map<String, String> meta(JsonNode in, String parent) throws FieldException {
        JsonNode v = object(in, parent, "meta");
        if (v == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String val = text(e.getValue());
            if (val == null) {
                throw new FieldException("'meta' contains '" + e.getKey() + "' with wrong type");
            }
            out.put(e.getKey(), val);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Reads a list whose elements must be strings; a non-string element fails with {@code elementError}. */
    public static List<String> strings(JsonNode list, String elementError) throws FieldException {
        List<String> out = new ArrayList<>();
        for (JsonNode v : list) {
            String s = text(v);
            if (s == null) {
                throw new FieldException(elementError);
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** Decodes base64 leniently: standard and URL-safe alphabets, other chars skipped, stops at {@code =}. */
    public static byte[] decodeBase64(String s) {
        byte[] out = new byte[s.length() * 3 / 4 + 1];
        int len = 0;
        int acc = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                break;
            }
            int d = base64Digit(c);
            if (d < 0) {
                continue;
            }
            acc = (acc << 6) | d;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[len++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        return Arrays.copyOf(out, len);
    }

    /** Returns {@code <parent> contains '<field>' with wrong type}. */
    public static FieldException wrongType(String parent, String field) {
        return new FieldException(parent + " contains '" + field + "' with wrong type");
    }

    /** Returns {@code <parent> contains '<field>' with invalid value}. */
    public static FieldException invalidValue(String parent, String field) {
        return new FieldException(parent + " contains '" + field + "' with invalid value");
    }

    private static JsonNode child(JsonNode in, String parent, String field, boolean required) throws FieldException {
        requireObject(in, parent);
        JsonNode v = in.get(field);
        if (v == null && required) {
            throw new FieldException(parent + " does not contain '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBinary()) {
            return new String(binary(v), StandardCharsets.UTF_8);
        }
        return null;
    }

    private static byte[] binary(JsonNode v) {
        try {
            return v.binaryValue();
        } catch (IOException e) {
            throw new IllegalStateException("binary node without bytes", e);
        }
    }

    private static long clamp(BigDecimal d) {
        if (d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        if (d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            return Long.MIN_VALUE;
        }
        return d.longValueExact();
    }

    private static int base64Digit(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+' || c == '-') {
            return 62;
        }
        if (c == '/' || c == '_') {
            return 63;
        }
        return -1;
    }
}
