package dev.tack.api.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues;
import dev.tack.api.grip.JsonFields;
import dev.tack.api.grip.JsonFields.FieldException;
import java.util.List;
import java.util.Map;

/**
 * Reads one publish item and its formats with Pushpin's checks, in Pushpin's order, so the first mistake found is
 * the one Pushpin reports (docs/compatibility.md "Publishing").
 */
final class ItemDecoder {
    private static final String ITEM = "publish item object";
    private static final String[] FORMAT_KEYS = {"http-response", "http-stream", "ws-message"};
    /** A close frame's payload is at most 125 bytes: the 2-byte code and 123 bytes of reason (RFC 6455 §5.5). */
    private static final int MAX_CLOSE_REASON = 123;

    private ItemDecoder() {
    }

    static PublishItem item(JsonNode in, String channelOverride) throws FieldException {
        JsonFields.requireObject(in, ITEM);
        String channel = channelOverride != null && !channelOverride.isEmpty()
                ? channelOverride : JsonFields.string(in, ITEM, "channel", true);
        String id = JsonFields.string(in, ITEM, "id", false);
        String prevId = JsonFields.string(in, ITEM, "prev-id", false);

        JsonNode formats = JsonFields.object(in, ITEM, "formats");
        if (formats == null) {
            // Legacy shorthand: the format keys sit on the item itself.
            ObjectNode legacy = JsonNodeFactory.instance.objectNode();
            for (String key : FORMAT_KEYS) {
                JsonNode v = in.get(key);
                if (v != null && !v.isNull()) {
                    legacy.set(key, v);
                }
            }
            formats = legacy;
        }
        if (formats.isEmpty()) {
            throw new FieldException("no formats specified");
        }
        HttpResponseFormat response = formats.has("http-response") ? httpResponse(formats.get("http-response")) : null;
        HttpStreamFormat stream = formats.has("http-stream") ? httpStream(formats.get("http-stream")) : null;
        WsMessageFormat ws = formats.has("ws-message") ? wsMessage(formats.get("ws-message")) : null;
        if (response == null && stream == null && ws == null) {
            // Pushpin accepts an item whose formats are all unknown and delivers nothing; Tack refuses it.
            throw new FieldException("no formats specified");
        }

        Map<String, String> meta = JsonFields.meta(in, ITEM);
        if (in.has("size") && JsonFields.integer(in.get("size"), ITEM, "size") < 0) {
            // size only feeds Pushpin's stats; it is checked and then not kept
            throw JsonFields.invalidValue(ITEM, "size");
        }
        boolean noSeq = false;
        if (in.has("no-seq")) {
            JsonNode v = in.get("no-seq");
            if (!v.isBoolean()) {
                throw JsonFields.wrongType(ITEM, "no-seq");
            }
            noSeq = v.booleanValue();
        }
        return new PublishItem(channel, id, prevId, meta, noSeq, response, stream, ws);
    }

    private static Action action(JsonNode in, String pn) throws FieldException {
        JsonFields.requireObject(in, pn);
        String action = JsonFields.string(in, pn, "action", false);
        if (action == null) {
            return Action.SEND;
        }
        return switch (action) {
            case "send" -> Action.SEND;
            case "hint" -> Action.HINT;
            case "close" -> Action.CLOSE;
            case "refresh" -> Action.REFRESH;
            // Pushpin reports an unknown action with an empty message; Tack says what it got and what it takes.
            default -> throw new FieldException(pn + " contains 'action' with unknown value (expected: send, hint, "
                    + "close or refresh)");
        };
    }

    private static HttpResponseFormat httpResponse(JsonNode in) throws FieldException {
        String pn = "'http-response'";
        Action action = action(in, pn);
        if (action != Action.SEND) {
            return HttpResponseFormat.of(action);
        }
        int code = 200;
        if (in.has("code")) {
            long c = JsonFields.integer(in.get("code"), pn, "code");
            if (c < 0 || c > 999) {
                throw JsonFields.invalidValue(pn, "code");
            }
            code = (int) c;
        }
        String reason = JsonFields.string(in, pn, "reason", false);
        List<Header> headers = in.has("headers") ? JsonFields.headers(in.get("headers"), pn) : List.of();
        List<String> contentFilters = contentFilters(in, pn);
        byte[] body = new byte[0];
        JsonNode patch = null;
        if (in.has("body-bin")) {
            body = JsonFields.strictBase64(in, pn, "body-bin");
        } else if (in.has("body")) {
            body = JsonFields.content(in.get("body"), pn, "body");
        } else if (in.has("body-patch")) {
            patch = JsonFields.list(in, pn, "body-patch", false);
            if (patch == null) {
                patch = JsonNodeFactory.instance.arrayNode(); // "body-patch": null reads as an empty patch
            }
        } else {
            throw new FieldException(pn + " does not contain 'body', 'body-bin', or 'body-patch'");
        }
        String wireReason = reason == null || reason.isEmpty() ? null : HeaderValues.toWire(reason);
        JsonFields.checkReason(wireReason, pn);
        return new HttpResponseFormat(action, code, wireReason, headers, body, patch, contentFilters);
    }

    private static HttpStreamFormat httpStream(JsonNode in) throws FieldException {
        String pn = "'http-stream'";
        Action action = action(in, pn);
        if (action != Action.SEND) {
            return new HttpStreamFormat(action, new byte[0]);
        }
        List<String> contentFilters = contentFilters(in, pn);
        if (in.has("content-bin")) {
            return new HttpStreamFormat(action, JsonFields.strictBase64(in, pn, "content-bin"), contentFilters);
        }
        if (in.has("content")) {
            byte[] content = JsonFields.content(in.get("content"), pn, "content");
            return new HttpStreamFormat(action, content, contentFilters);
        }
        throw new FieldException(pn + " does not contain 'content' or 'content-bin'");
    }

    private static WsMessageFormat wsMessage(JsonNode in) throws FieldException {
        String pn = "'ws-message'";
        Action action = action(in, pn);
        if (action == Action.CLOSE) {
            Integer code = null;
            if (in.has("code")) {
                long c = JsonFields.integer(in.get("code"), pn, "code");
                if (c < 0) {
                    throw JsonFields.invalidValue(pn, "code"); // Pushpin's own check and text
                }
                if (!WsMessageFormat.isSendableCloseCode(c)) {
                    // A code no close frame may carry would fail at every subscriber; refuse it here instead.
                    throw new FieldException(pn + " contains 'code' with invalid value " + c + " (expected: a close "
                            + "code a WebSocket may send: 1000-1003, 1007-1014 or 3000-4999)");
                }
                code = (int) c;
            }
            String reason = JsonFields.string(in, pn, "reason", false);
            if (reason != null && reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CLOSE_REASON) {
                throw new FieldException(pn + " contains 'reason' with invalid value (expected: at most "
                        + MAX_CLOSE_REASON + " bytes of UTF-8, the room in a close frame)");
            }
            return WsMessageFormat.close(code, reason == null || reason.isEmpty() ? null : reason);
        }
        if (action != Action.SEND) {
            return new WsMessageFormat(action, null, new byte[0], null, null);
        }
        WsMessageType type = messageType(JsonFields.string(in, pn, "type", false), pn);
        List<String> contentFilters = contentFilters(in, pn);
        byte[] content;
        if (in.has("content-bin")) {
            JsonNode v = in.get("content-bin");
            if (!v.isTextual() && !v.isBinary()) {
                throw JsonFields.wrongType(pn, "content-bin"); // unlike body-bin, null is not allowed here
            }
            content = JsonFields.strictBase64(in, pn, "content-bin");
            type = type == null ? WsMessageType.BINARY : type;
        } else if (in.has("content")) {
            content = JsonFields.content(in.get("content"), pn, "content");
            type = type == null ? WsMessageType.TEXT : type;
        } else if (type == null || type == WsMessageType.TEXT || type == WsMessageType.BINARY) {
            throw new FieldException(pn + " does not contain 'content' or 'content-bin'");
        } else {
            content = new byte[0]; // ping and pong may be empty
        }
        return new WsMessageFormat(action, type, content, null, null, contentFilters);
    }

    private static WsMessageType messageType(String type, String pn) throws FieldException {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "text" -> WsMessageType.TEXT;
            case "binary" -> WsMessageType.BINARY;
            case "ping" -> WsMessageType.PING;
            case "pong" -> WsMessageType.PONG;
            default -> throw new FieldException(pn + " contains 'type' with unknown value");
        };
    }

    // Read only for "send", as Pushpin reads it; null when absent (no matching check at delivery).
    private static List<String> contentFilters(JsonNode in, String pn) throws FieldException {
        if (!in.has("content-filters")) {
            return null;
        }
        JsonNode v = in.get("content-filters");
        if (!v.isArray()) {
            throw JsonFields.wrongType(pn, "content-filters");
        }
        return JsonFields.strings(v, "content-filters contains element with wrong type");
    }
}
