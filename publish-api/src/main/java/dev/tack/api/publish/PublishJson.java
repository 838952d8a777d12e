package dev.tack.api.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.api.grip.JsonFields;
import dev.tack.api.grip.JsonFields.FieldException;
import java.util.ArrayList;
import java.util.List;

/**
 * The publish JSON codec: the body of {@code POST /publish/} (Pushpin) and {@code POST /service/<id>/publish/}
 * (Fastly), with Pushpin's validation and exact error texts (docs/compatibility.md "Publishing", "Fastly").
 *
 * <p>A request as js-grip sends it:
 * <pre>
 * POST /publish/ HTTP/1.1
 * Content-Type: application/json
 *
 * {"items":[{"formats":{"http-stream":{"content":"hello\n"}},"id":"id1","prev-id":"id0","channel":"ch"}]}
 * </pre>
 * Bad requests give the text of Pushpin's {@code 400} body (without its trailing newline):
 * {@code Body is not valid JSON.}, {@code Invalid format.}, {@code Invalid format: object does not contain
 * 'items'}, {@code Invalid format: object contains 'items' with wrong type}, or {@code Invalid format: } and the
 * first item's error, e.g. {@code Invalid format: 'http-stream' does not contain 'content' or 'content-bin'}.
 * Unknown fields are ignored.
 *
 * <p>Where Tack is stricter than Pushpin: an item whose {@code formats} holds only unknown keys is refused with
 * {@code no formats specified} (Pushpin accepts it and delivers nothing), and numbers must be integral numbers
 * or decimal strings (see {@link JsonFields}). Items do not keep {@code size}; it is checked.
 */
public final class PublishJson {
    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer();

    private PublishJson() {
    }

    /**
     * Decodes a whole publish body {@code {"items": [...]}}. Every item is checked before any is returned, so a
     * request is accepted or refused as a whole.
     *
     * @throws PublishFormatException with Pushpin's 400 text (no trailing newline)
     */
    public static List<PublishItem> decodeRequest(byte[] body) throws PublishFormatException {
        JsonNode doc = JsonFields.parseDocument(body);
        if (doc == null) {
            throw new PublishFormatException("Body is not valid JSON.");
        }
        if (!doc.isObject()) {
            throw new PublishFormatException("Invalid format.");
        }
        JsonNode items = doc.get("items");
        if (items == null) {
            throw new PublishFormatException("Invalid format: object does not contain 'items'");
        }
        if (!items.isArray()) {
            throw new PublishFormatException("Invalid format: object contains 'items' with wrong type");
        }
        List<PublishItem> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            try {
                out.add(ItemDecoder.item(item, null));
            } catch (FieldException e) {
                throw new PublishFormatException("Invalid format: " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Decodes one item object (ZeroMQ PULL input and the {@code publish} command carry single items). The message
     * of the exception is the bare item error, without the {@code Invalid format: } prefix, e.g.
     * {@code publish item object does not contain 'channel'}.
     */
    public static PublishItem decodeItem(JsonNode item) throws PublishFormatException {
        return decodeItem(item, null);
    }

    /**
     * Decodes one item whose channel is given from outside (ZeroMQ SUB input: the topic); a non-empty
     * {@code channel} wins over the item's own {@code channel} field, which may then be absent.
     */
    public static PublishItem decodeItem(JsonNode item, String channel) throws PublishFormatException {
        try {
            return ItemDecoder.item(item, channel);
        } catch (FieldException e) {
            throw new PublishFormatException(e.getMessage());
        }
    }

    /** Encodes items as a publish body {@code {"items": [...]}} that {@link #decodeRequest} reads back equal. */
    public static byte[] encodeRequest(List<PublishItem> items) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ArrayNode array = doc.putArray("items");
        for (PublishItem item : items) {
            array.add(ItemEncoder.item(item));
        }
        try {
            return WRITER.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }

    /** Encodes one item as a JSON object (the single-item form of the ZeroMQ inputs). */
    public static ObjectNode encodeItem(PublishItem item) {
        return ItemEncoder.item(item);
    }
}
