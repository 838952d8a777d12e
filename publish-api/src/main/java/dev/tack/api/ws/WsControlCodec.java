package dev.tack.api.ws;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.api.grip.KeepAliveMode;
import dev.tack.api.publish.WsMessageType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses and writes the JSON of GRIP WebSocket control messages, the part after {@code c:} in
 * {@code TEXT 33\r\nc:{"type":"keep-alive","content":"{}","timeout":30}\r\n} (docs/compatibility.md "WebSocket control
 * messages").
 *
 * <p>Parsing follows Pushpin's rules: the JSON must be an object with a string {@code type}; {@code subscribe}
 * and {@code unsubscribe} need a non-empty {@code channel}; {@code filters} is a list of strings;
 * {@code set-meta} needs a non-empty {@code name}; {@code keep-alive} and {@code send-delayed} take
 * {@code content} (UTF-8) or {@code content-bin} (base64), a {@code message-type} of {@code text} (the default,
 * even with {@code content-bin}: Pushpin's quirk, kept), {@code binary}, {@code ping} or {@code pong}, and a
 * {@code timeout} in seconds (missing or 0 means 55 for keep-alive, 1 for send-delayed; negative is invalid);
 * keep-alive's {@code mode} is {@code interval} or else idle. A field given as JSON {@code null} counts as
 * missing. Anything else is {@link WsControlResult.Ignored ignored} with a reason.
 */
public final class WsControlCodec {
    /** Trailing content after the object makes the message invalid, as in Pushpin's JSON parser. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WsControlCodec() {
    }

    /** The message in {@code json}, or empty when Pushpin would ignore it (see {@link #parse} for why). */
    public static Optional<WsControlMessage> decode(String json) {
        return parse(json).message();
    }

    /** The message in {@code json}, or the reason it is ignored, for a debug log line. */
    public static WsControlResult parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            return new WsControlResult.Ignored("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new WsControlResult.Ignored("not a JSON object (expected: {\"type\": ...})");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            return new WsControlResult.Ignored("'type' is missing or not a string (expected: e.g. \"subscribe\")");
        }
        try {
            return new WsControlResult.Parsed(parseFields(type.asText(), root));
        } catch (InvalidField e) {
            return new WsControlResult.Ignored(type.asText() + ": " + e.getMessage());
        }
    }

    private static WsControlMessage parseFields(String type, JsonNode root) throws InvalidField {
        return switch (type) {
            case "subscribe" -> new WsControlMessage.Subscribe(requiredName(root, "channel"), filters(root));
            case "unsubscribe" -> new WsControlMessage.Unsubscribe(requiredName(root, "channel"));
            case "detach" -> new WsControlMessage.Detach();
            case "session" -> new WsControlMessage.Session(orDefault(optionalString(root, "id"), ""));
            case "set-meta" -> new WsControlMessage.SetMeta(requiredName(root, "name"), optionalString(root, "value"));
            case "keep-alive" -> keepAlive(root);
            case "send-delayed" -> sendDelayed(root);
            case "flush-delayed" -> new WsControlMessage.FlushDelayed();
            default -> throw new InvalidField("unknown type (expected: subscribe, unsubscribe, detach, session, "
                    + "set-meta, keep-alive, send-delayed or flush-delayed)");
        };
    }

    private static WsControlMessage.KeepAlive keepAlive(JsonNode root) throws InvalidField {
        WsMessageType messageType = messageType(root);
        byte[] content = content(root);
        int timeout = content == null ? 0 : timeout(root);
        String mode = optionalString(root, "mode");
        if (content == null) {
            return WsControlMessage.KeepAlive.off();
        }
        return new WsControlMessage.KeepAlive(content, messageType,
                timeout > 0 ? timeout : WsControlMessage.DEFAULT_KEEP_ALIVE_TIMEOUT,
                "interval".equals(mode) ? KeepAliveMode.INTERVAL : KeepAliveMode.IDLE);
    }

    private static WsControlMessage.SendDelayed sendDelayed(JsonNode root) throws InvalidField {
        WsMessageType messageType = messageType(root);
        byte[] content = content(root);
        int timeout = content == null ? 0 : timeout(root);
        return new WsControlMessage.SendDelayed(content == null ? new byte[0] : content, messageType,
                timeout > 0 ? timeout : WsControlMessage.DEFAULT_SEND_DELAYED_TIMEOUT);
    }

    private static WsMessageType messageType(JsonNode root) throws InvalidField {
        String name = optionalString(root, "message-type");
        if (name == null) {
            return WsMessageType.TEXT;
        }
        return switch (name) {
            case "text" -> WsMessageType.TEXT;
            case "binary" -> WsMessageType.BINARY;
            case "ping" -> WsMessageType.PING;
            case "pong" -> WsMessageType.PONG;
            default -> throw new InvalidField("'message-type' is \"" + name
                    + "\" (expected: text, binary, ping or pong)");
        };
    }

    private static byte[] content(JsonNode root) throws InvalidField {
        String base64 = optionalString(root, "content-bin");
        if (base64 != null) {
            try {
                return Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new InvalidField("'content-bin' is not base64 (" + e.getMessage() + ")");
            }
        }
        String text = optionalString(root, "content");
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static int timeout(JsonNode root) throws InvalidField {
        JsonNode node = root.get("timeout");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isNumber() || !node.canConvertToInt()) {
            throw new InvalidField("'timeout' is " + node + " (expected: seconds as a number)");
        }
        int timeout = node.intValue();
        if (timeout < 0) {
            throw new InvalidField("'timeout' is " + node + " (expected: seconds >= 0)");
        }
        return timeout;
    }

    private static List<String> filters(JsonNode root) throws InvalidField {
        JsonNode node = root.get("filters");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidField("'filters' is " + node + " (expected: a list of strings)");
        }
        List<String> filters = new ArrayList<>(node.size());
        for (JsonNode filter : node) {
            if (!filter.isTextual()) {
                throw new InvalidField("'filters' contains " + filter + " (expected: strings only)");
            }
            filters.add(filter.asText());
        }
        return filters;
    }

    private static String requiredName(JsonNode root, String field) throws InvalidField {
        String value = optionalString(root, field);
        if (value == null || value.isEmpty()) {
            throw new InvalidField("'" + field + "' is " + (value == null ? "missing" : "empty")
                    + " (expected: a non-empty string)");
        }
        return value;
    }

    private static String optionalString(JsonNode root, String field) throws InvalidField {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidField("'" + field + "' is " + node + " (expected: a string)");
        }
        return node.asText();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /**
     * Writes {@code message} as the JSON an origin puts after {@code c:}, e.g.
     * {@code {"type":"subscribe","channel":"room-x"}}. Content that is valid UTF-8 (and not binary) goes in
     * {@code content}, anything else in {@code content-bin}; {@code message-type} is written unless the message is
     * text in {@code content} (a reader following Pushpin takes {@code content-bin} without a type as text).
     */
    public static String encode(WsControlMessage message) {
        Objects.requireNonNull(message, "message");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (message instanceof WsControlMessage.Subscribe m) {
            out.put("type", "subscribe").put("channel", m.channel());
            if (!m.filters().isEmpty()) {
                ArrayNode filters = out.putArray("filters");
                m.filters().forEach(filters::add);
            }
        } else if (message instanceof WsControlMessage.Unsubscribe m) {
            out.put("type", "unsubscribe").put("channel", m.channel());
        } else if (message instanceof WsControlMessage.Detach) {
            out.put("type", "detach");
        } else if (message instanceof WsControlMessage.Session m) {
            out.put("type", "session").put("id", m.id());
        } else if (message instanceof WsControlMessage.SetMeta m) {
            out.put("type", "set-meta").put("name", m.name());
            if (m.value() != null) {
                out.put("value", m.value());
            }
        } else if (message instanceof WsControlMessage.KeepAlive m) {
            out.put("type", "keep-alive");
            if (!m.isOff()) {
                putContent(out, m.content(), m.messageType());
                out.put("timeout", m.timeoutSeconds());
                out.put("mode", m.mode().name().toLowerCase(Locale.ROOT));
            }
        } else if (message instanceof WsControlMessage.SendDelayed m) {
            out.put("type", "send-delayed");
            putContent(out, m.content(), m.messageType());
            out.put("timeout", m.timeoutSeconds());
        } else if (message instanceof WsControlMessage.FlushDelayed) {
            out.put("type", "flush-delayed");
        }
        return out.toString();
    }

    private static void putContent(ObjectNode out, byte[] content, WsMessageType type) {
        String text = type == WsMessageType.BINARY ? null : utf8OrNull(content);
        if (text != null) {
            out.put("content", text);
        } else {
            out.put("content-bin", Base64.getEncoder().encodeToString(content));
        }
        if (text == null || type != WsMessageType.TEXT) {
            out.put("message-type", type.name().toLowerCase(Locale.ROOT));
        }
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A field that makes Pushpin ignore the message; the message names the field and what was expected. */
    private static final class InvalidField extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidField(String message) {
            super(message, null, false, false);
        }
    }
}
