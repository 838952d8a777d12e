package dev.tack.api.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.api.grip.JsonFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * RFC 6902 JSON Patch (add, remove, replace, move, copy, test) for the {@code body-patch} of a published
 * {@code http-response}: the held response's JSON body is patched instead of replaced (docs/compatibility.md
 * "Long-polling").
 * <pre>
 * held body:  {"count": 1, "items": ["a"]}
 * body-patch: [{"op": "replace", "path": "/count", "value": 2}, {"op": "add", "path": "/items/-", "value": "b"}]
 * result:     {"count": 2, "items": ["a", "b"]}
 * </pre>
 */
public final class JsonPatch {
    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer();

    // Numbers compare by value (1 equals 1.0), everything else by Jackson's equality (RFC 6902 §4.6).
    private static final Comparator<JsonNode> JSON_EQUALITY = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return JsonFields.finite(a) && JsonFields.finite(b) ? a.decimalValue().compareTo(b.decimalValue())
                    : Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonPatch() {
    }

    /**
     * Returns {@code target} with every operation of {@code patch} applied in order; {@code target} itself is not
     * modified. All or nothing: the first failing operation throws.
     *
     * @throws JsonPatchException naming the failing operation's index and what went wrong
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) throws JsonPatchException {
        if (patch == null || !patch.isArray()) {
            throw new JsonPatchException("patch: " + (patch == null ? "null" : patch.getNodeType())
                    + " (expected: JSON array of operations)");
        }
        JsonNode doc = target.deepCopy();
        int index = 0;
        for (JsonNode op : patch) {
            try {
                doc = applyOne(doc, op);
            } catch (JsonPatchException e) {
                throw new JsonPatchException("op " + index + ": " + e.getMessage());
            }
            index++;
        }
        return doc;
    }

    /**
     * Patches a held response body the way Pushpin does: the body must be a JSON object or array; the result is
     * written compactly, keeping a trailing {@code \r\n} or {@code \n} of the original. Returns an empty body when
     * the original is not JSON or the patch fails. (Pushpin also sorts object keys; Tack keeps their order.)
     *
     * @param original the held body; not modified
     * @param patch the published {@code body-patch}
     */
    public static byte[] patchBody(byte[] original, JsonNode patch) {
        JsonNode doc = JsonFields.parseDocument(original);
        if (doc == null) {
            return new byte[0];
        }
        try {
            JsonNode patched = apply(doc, patch);
            if (!patched.isContainerNode()) {
                return new byte[0];
            }
            byte[] json = WRITER.writeValueAsBytes(patched);
            String suffix = endsWith(original, "\r\n") ? "\r\n" : endsWith(original, "\n") ? "\n" : "";
            byte[] out = Arrays.copyOf(json, json.length + suffix.length());
            for (int i = 0; i < suffix.length(); i++) {
                out[json.length + i] = (byte) suffix.charAt(i);
            }
            return out;
        } catch (JsonPatchException | JsonProcessingException e) {
            return new byte[0];
        }
    }

    private static JsonNode applyOne(JsonNode doc, JsonNode op) throws JsonPatchException {
        if (!op.isObject()) {
            throw new JsonPatchException(op.getNodeType() + " (expected: operation object)");
        }
        String type = text(op, "op");
        List<String> path = pointer(text(op, "path"));
        switch (type) {
            case "add":
                return add(doc, path, value(op));
            case "remove":
                return remove(doc, path);
            case "replace": {
                JsonNode value = value(op);
                return path.isEmpty() ? value : add(remove(doc, path), path, value);
            }
            case "move": {
                List<String> from = pointer(text(op, "from"));
                if (path.size() > from.size() && path.subList(0, from.size()).equals(from)) {
                    throw new JsonPatchException("cannot move " + from + " into itself");
                }
                JsonNode value = existing(doc, from);
                return add(remove(doc, from), path, value);
            }
            case "copy":
                return add(doc, path, existing(doc, pointer(text(op, "from"))).deepCopy());
            case "test":
                if (!existing(doc, path).equals(JSON_EQUALITY, value(op))) {
                    throw new JsonPatchException("test failed at " + text(op, "path"));
                }
                return doc;
            default:
                throw new JsonPatchException("op '" + type + "' (expected: add, remove, replace, move, copy, test)");
        }
    }

    private static JsonNode add(JsonNode doc, List<String> path, JsonNode value) throws JsonPatchException {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = existing(doc, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            int i = last.equals("-") ? array.size() : index(last, array.size());
            array.insert(i, value);
        } else {
            throw new JsonPatchException("parent of " + path + " is " + parent.getNodeType()
                    + " (expected: object or array)");
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, List<String> path) throws JsonPatchException {
        if (path.isEmpty()) {
            throw new JsonPatchException("cannot remove the whole document");
        }
        existing(doc, path);
        JsonNode parent = existing(doc, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else {
            ((ArrayNode) parent).remove(index(last, parent.size() - 1));
        }
        return doc;
    }

    private static JsonNode existing(JsonNode doc, List<String> path) throws JsonPatchException {
        JsonNode node = doc;
        for (String token : path) {
            if (node.isObject()) {
                node = node.get(token);
            } else if (node.isArray()) {
                node = token.equals("-") ? null : node.get(index(token, node.size() - 1));
            } else {
                node = null;
            }
            if (node == null) {
                throw new JsonPatchException("location " + path + " does not exist");
            }
        }
        return node;
    }

    // Parses an array index: digits without leading zeros, at most max.
    private static int index(String token, int max) throws JsonPatchException {
        if (!token.matches("0|[1-9][0-9]{0,8}") || Integer.parseInt(token) > max) {
            throw new JsonPatchException("array index '" + token + "' (expected: 0-" + max + ")");
        }
        return Integer.parseInt(token);
    }

    // RFC 6901: "" is the whole document; "/a~1b/~0c" is ["a/b", "~c"].
    private static List<String> pointer(String text) throws JsonPatchException {
        List<String> tokens = new ArrayList<>();
        if (text.isEmpty()) {
            return tokens;
        }
        if (text.charAt(0) != '/') {
            throw new JsonPatchException("path '" + text + "' (expected: JSON pointer starting with '/')");
        }
        for (String raw : text.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static String text(JsonNode op, String field) throws JsonPatchException {
        JsonNode v = op.get(field);
        if (v == null || !v.isTextual()) {
            throw new JsonPatchException("'" + field + "' " + (v == null ? "missing" : v.getNodeType().toString())
                    + " (expected: string)");
        }
        return v.textValue();
    }

    private static JsonNode value(JsonNode op) throws JsonPatchException {
        JsonNode v = op.get("value");
        if (v == null) {
            throw new JsonPatchException("'value' missing (expected: any JSON value)");
        }
        return v.deepCopy();
    }

    private static boolean endsWith(byte[] body, String suffix) {
        if (body.length < suffix.length()) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (body[body.length - suffix.length() + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
