package dev.tack.api.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Writes items as the publish JSON that {@link ItemDecoder} (and Pushpin) reads back to equal values: text as
 * {@code body}/{@code content} when it is valid UTF-8, otherwise base64 in {@code body-bin}/{@code content-bin};
 * headers as a list of pairs so order and repeats survive.
 */
final class ItemEncoder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ItemEncoder() {
    }

    static ObjectNode item(PublishItem item) {
        ObjectNode out = JSON.objectNode();
        out.put("channel", item.channel());
        if (item.id() != null) {
            out.put("id", item.id());
        }
        if (item.prevId() != null) {
            out.put("prev-id", item.prevId());
        }
        ObjectNode formats = out.putObject("formats");
        if (item.httpResponse() != null) {
            formats.set("http-response", httpResponse(item.httpResponse()));
        }
        if (item.httpStream() != null) {
            formats.set("http-stream", httpStream(item.httpStream()));
        }
        if (item.wsMessage() != null) {
            formats.set("ws-message", wsMessage(item.wsMessage()));
        }
        if (!item.meta().isEmpty()) {
            ObjectNode meta = out.putObject("meta");
            for (Map.Entry<String, String> e : item.meta().entrySet()) {
                meta.put(e.getKey(), e.getValue());
            }
        }
        if (item.noSeq()) {
            out.put("no-seq", true);
        }
        return out;
    }

    private static ObjectNode httpResponse(HttpResponseFormat f) {
        ObjectNode out = JSON.objectNode();
        if (f.action() != Action.SEND) {
            return out.put("action", f.action().jsonName());
        }
        out.put("code", f.code());
        out.put("reason", HeaderValues.toUnicode(f.reason()));
        if (!f.headers().isEmpty()) {
            ArrayNode headers = out.putArray("headers");
            for (Header h : f.headers()) {
                headers.addArray().add(HeaderValues.toUnicode(h.name())).add(HeaderValues.toUnicode(h.value()));
            }
        }
        if (f.bodyPatch() != null) {
            out.set("body-patch", f.bodyPatch());
        } else {
            putBytes(out, "body", "body-bin", f.body());
        }
        putContentFilters(out, f);
        return out;
    }

    private static ObjectNode httpStream(HttpStreamFormat f) {
        ObjectNode out = JSON.objectNode();
        if (f.action() != Action.SEND) {
            return out.put("action", f.action().jsonName());
        }
        putBytes(out, "content", "content-bin", f.content());
        putContentFilters(out, f);
        return out;
    }

    private static ObjectNode wsMessage(WsMessageFormat f) {
        ObjectNode out = JSON.objectNode();
        if (f.action() == Action.CLOSE) {
            out.put("action", "close");
            if (f.closeCode() != null) {
                out.put("code", f.closeCode());
            }
            if (f.closeReason() != null && !f.closeReason().isEmpty()) {
                out.put("reason", f.closeReason());
            }
            return out;
        }
        if (f.action() != Action.SEND) {
            return out.put("action", f.action().jsonName());
        }
        String text = utf8(f.content());
        switch (f.type()) {
            case TEXT -> {
                if (text != null) {
                    out.put("content", text); // text is the default type for "content"
                } else {
                    out.put("type", "text").put("content-bin", base64(f.content()));
                }
            }
            case BINARY -> out.put("content-bin", base64(f.content())); // binary is the default for "content-bin"
            case PING, PONG -> {
                out.put("type", f.type() == WsMessageType.PING ? "ping" : "pong");
                if (f.content().length > 0) {
                    out.put("content-bin", base64(f.content()));
                }
            }
            default -> throw new IllegalStateException("unknown type " + f.type());
        }
        putContentFilters(out, f);
        return out;
    }

    private static void putContentFilters(ObjectNode out, Format f) {
        if (f.contentFilters() != null) {
            ArrayNode list = out.putArray("content-filters");
            f.contentFilters().forEach(list::add);
        }
    }

    private static void putBytes(ObjectNode out, String textField, String binField, byte[] bytes) {
        String text = utf8(bytes);
        if (text != null) {
            out.put(textField, text);
        } else {
            out.put(binField, base64(bytes));
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    // Returns the text, or null when the bytes are not valid UTF-8 (they then need base64 to survive).
    private static String utf8(byte[] bytes) {
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
}
