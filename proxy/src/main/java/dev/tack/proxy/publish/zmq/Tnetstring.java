package dev.tack.proxy.publish.zmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tnetstring codec of Pushpin's ZeroMQ sockets (docs/compatibility.md "ZeroMQ inputs"): every value is
 * {@code <length>:<data><tag>}, with tags {@code ,} bytes, {@code #} integer, {@code ^} float, {@code !} boolean,
 * {@code ~} null, <code>}</code> dictionary (alternating keys and values, keys are byte strings) and {@code ]}
 * list. The item {@code pushpin-publish --spec tcp://... test hi} sends (Pushpin 1.36; the line breaks are the
 * newlines it appends to the HTTP bodies):
 * <pre>
 * 147:7:formats,115:11:http-stream,16:7:content,3:hi
 * ,}10:ws-message,15:7:content,2:hi,}13:http-response,26:4:code,3:200#4:body,3:hi
 * ,}}7:channel,4:test,}
 * </pre>
 *
 * <p>Values become Jackson trees so that the publish item decoder reads them as it reads JSON: byte strings
 * become {@link BinaryNode}s (the decoder takes them as text where it wants text, and as raw bytes for
 * {@code content}, {@code content-bin} and {@code body}), dictionary keys become UTF-8 text.
 *
 * <p>Tack is stricter than Pushpin's parser: the length is plain decimal digits, a null carries no data, and
 * nothing may follow the top-level value.
 */
final class Tnetstring {

    /** Containers nested deeper than this are refused, so a hostile message cannot exhaust the stack. */
    static final int MAX_DEPTH = 64;
    private static final int MAX_LENGTH_DIGITS = 9;
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private Tnetstring() {
    }

    /**
     * Parses the one tnetstring that fills {@code data} from {@code offset} to its end.
     *
     * @throws TnetstringException naming the offset and what was expected there
     */
    static JsonNode parse(byte[] data, int offset) throws TnetstringException {
        Reader reader = new Reader(data);
        JsonNode value = reader.value(offset, data.length, 0);
        if (reader.pos != data.length) {
            throw new TnetstringException((data.length - reader.pos) + " bytes after the value at offset "
                    + reader.pos + " (expected: one value filling the message)");
        }
        return value;
    }

    /**
     * Encodes a tree as a tnetstring: text and binary nodes as byte strings (text in UTF-8), integral numbers as
     * integers, other numbers as floats, null and missing nodes as null.
     */
    static byte[] encode(JsonNode value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(JsonNode value, ByteArrayOutputStream out) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            frame(new byte[0], '~', out);
        } else if (value.isBinary()) {
            frame(((BinaryNode) value).binaryValue(), ',', out);
        } else if (value.isTextual()) {
            frame(value.textValue().getBytes(StandardCharsets.UTF_8), ',', out);
        } else if (value.isBoolean()) {
            frame(ascii(Boolean.toString(value.booleanValue())), '!', out);
        } else if (value.isIntegralNumber()) {
            frame(ascii(value.bigIntegerValue().toString()), '#', out);
        } else if (value.isNumber()) {
            frame(ascii(Double.toString(value.doubleValue())), '^', out);
        } else if (value.isArray()) {
            ByteArrayOutputStream items = new ByteArrayOutputStream();
            for (JsonNode item : value) {
                write(item, items);
            }
            frame(items.toByteArray(), ']', out);
        } else if (value.isObject()) {
            ByteArrayOutputStream entries = new ByteArrayOutputStream();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                frame(entry.getKey().getBytes(StandardCharsets.UTF_8), ',', entries);
                write(entry.getValue(), entries);
            }
            frame(entries.toByteArray(), '}', out);
        } else {
            throw new IllegalArgumentException("tnetstring cannot carry a " + value.getNodeType() + " node");
        }
    }

    private static void frame(byte[] data, char tag, ByteArrayOutputStream out) {
        out.writeBytes(ascii(Integer.toString(data.length)));
        out.write(':');
        out.writeBytes(data);
        out.write(tag);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A cursor over one message; {@link #pos} is just past the last value read. */
    private static final class Reader {
        private final byte[] data;
        private int pos;

        Reader(byte[] data) {
            this.data = data;
        }

        /** Reads the value starting at {@code start}, which must end (tag included) before {@code limit}. */
        JsonNode value(int start, int limit, int depth) throws TnetstringException {
            int colon = start;
            long length = 0;
            while (colon < limit && data[colon] != ':') {
                byte b = data[colon];
                if (b < '0' || b > '9' || colon - start >= MAX_LENGTH_DIGITS) {
                    throw new TnetstringException("length at offset " + start + " starts with " + preview(start, limit)
                            + " (expected: up to " + MAX_LENGTH_DIGITS + " decimal digits, then ':')");
                }
                length = length * 10 + (b - '0');
                colon++;
            }
            if (colon == start || colon >= limit) {
                throw new TnetstringException("length at offset " + start + " starts with " + preview(start, limit)
                        + " (expected: decimal digits, then ':')");
            }
            int dataStart = colon + 1;
            if (length >= limit - dataStart) {
                throw new TnetstringException("value at offset " + start + " declares " + length + " bytes but "
                        + (limit - dataStart) + " follow its ':' (expected: " + length + " bytes of data, then a tag)");
            }
            int tagPos = dataStart + (int) length;
            char tag = (char) (data[tagPos] & 0xff);
            pos = tagPos + 1;
            return switch (tag) {
                case ',' -> new BinaryNode(Arrays.copyOfRange(data, dataStart, tagPos));
                case '#' -> integer(start, dataStart, tagPos);
                case '^' -> floating(start, dataStart, tagPos);
                case '!' -> bool(start, dataStart, tagPos);
                case '~' -> nothing(start, dataStart, tagPos);
                case '}' -> dictionary(start, dataStart, tagPos, depth);
                case ']' -> list(start, dataStart, tagPos, depth);
                default -> throw new TnetstringException("type tag " + printable(tag) + " at offset " + tagPos
                        + " (expected one of , # ^ ! ~ } ])");
            };
        }

        private JsonNode integer(int start, int from, int to) throws TnetstringException {
            String text = new String(data, from, to - from, StandardCharsets.ISO_8859_1);
            if (INTEGER.matcher(text).matches()) {
                try {
                    return LongNode.valueOf(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    // out of the 64-bit range, reported below
                }
            }
            throw new TnetstringException("integer at offset " + start + " is '" + text
                    + "' (expected: a 64-bit decimal integer)");
        }

        private JsonNode floating(int start, int from, int to) throws TnetstringException {
            String text = new String(data, from, to - from, StandardCharsets.ISO_8859_1);
            if (!FLOAT.matcher(text).matches()) {
                throw new TnetstringException("float at offset " + start + " is '" + text
                        + "' (expected: a decimal number such as 1.5 or 2e-3)");
            }
            return DoubleNode.valueOf(Double.parseDouble(text));
        }

        private JsonNode bool(int start, int from, int to) throws TnetstringException {
            String text = new String(data, from, to - from, StandardCharsets.ISO_8859_1);
            return switch (text) {
                case "true" -> BooleanNode.TRUE;
                case "false" -> BooleanNode.FALSE;
                default -> throw new TnetstringException("boolean at offset " + start + " is '" + text
                        + "' (expected: true or false)");
            };
        }

        private JsonNode nothing(int start, int from, int to) throws TnetstringException {
            if (to != from) {
                throw new TnetstringException("null at offset " + start + " carries " + (to - from)
                        + " bytes (expected: 0:~)");
            }
            return NullNode.instance;
        }

        private JsonNode dictionary(int start, int from, int to, int depth) throws TnetstringException {
            checkDepth(start, depth);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            int at = from;
            while (at < to) {
                JsonNode key = value(at, to, depth + 1);
                if (!key.isBinary()) {
                    throw new TnetstringException("dictionary key at offset " + at + " has type " + kind(key)
                            + " (expected: a byte string)");
                }
                if (pos >= to) {
                    throw new TnetstringException("dictionary key at offset " + at + " has no value");
                }
                String name = new String(((BinaryNode) key).binaryValue(), StandardCharsets.UTF_8);
                out.set(name, value(pos, to, depth + 1));
                at = pos;
            }
            pos = to + 1;
            return out;
        }

        private JsonNode list(int start, int from, int to, int depth) throws TnetstringException {
            checkDepth(start, depth);
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            int at = from;
            while (at < to) {
                out.add(value(at, to, depth + 1));
                at = pos;
            }
            pos = to + 1;
            return out;
        }

        private static void checkDepth(int start, int depth) throws TnetstringException {
            if (depth >= MAX_DEPTH) {
                throw new TnetstringException("container at offset " + start + " is nested " + (depth + 1)
                        + " levels deep (expected: at most " + MAX_DEPTH + ")");
            }
        }

        private String preview(int from, int limit) {
            int end = Math.min(limit, from + 12);
            StringBuilder out = new StringBuilder("'");
            for (int i = from; i < end; i++) {
                out.append(printableByte(data[i]));
            }
            return out.append(end < limit ? "...'" : "'").toString();
        }

    }

    /** The tnetstring name of a parsed value's type: byte string, integer, float, boolean, null, dictionary, list. */
    static String kind(JsonNode node) {
        if (node.isBinary()) {
            return "byte string";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "float";
        }
        if (node.isObject()) {
            return "dictionary";
        }
        if (node.isArray()) {
            return "list";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String printable(char c) {
        return "'" + printableByte((byte) c) + "'";
    }

    /** One byte as it reads in a log line: printable ASCII as is, anything else as {@code \xNN}. */
    static String printableByte(byte b) {
        int c = b & 0xff;
        return c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c);
    }
}
