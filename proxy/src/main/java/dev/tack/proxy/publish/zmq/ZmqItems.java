package dev.tack.proxy.publish.zmq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tack.api.grip.JsonFields;
import dev.tack.api.publish.PublishFormatException;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import java.util.Arrays;

/**
 * Reads the one item a PULL message (or the second part of a SUB message) carries (docs/compatibility.md "ZeroMQ
 * inputs"). The first byte picks the encoding: {@code J} then a JSON object, {@code T} then a tnetstring, or a bare
 * tnetstring (which starts with a digit). For example, each of these is the same item:
 * <pre>
 * J{"channel":"test","formats":{"http-stream":{"content":"hi\n"}}}
 * T66:7:channel,4:test,7:formats,35:11:http-stream,16:7:content,3:hi
 * ,}}}
 * 66:7:channel,4:test,7:formats,35:11:http-stream,16:7:content,3:hi
 * ,}}}
 * </pre>
 * In tnetstring items every string is bytes; {@code content}, {@code content-bin} and {@code body} are taken as
 * raw bytes, not base64. The checks and their texts are those of the HTTP publish API.
 */
final class ZmqItems {

    private ZmqItems() {
    }

    /**
     * Decodes one item message.
     *
     * @param channel the SUB topic, which replaces the item's own {@code channel}; null or empty for PULL
     * @throws PublishFormatException naming what is wrong: the encoding (e.g. {@code invalid tnetstring: ...})
     *     or the item, with Pushpin's item error text (e.g. {@code publish item object does not contain
     *     'channel'})
     */
    static PublishItem decode(byte[] message, String channel) throws PublishFormatException {
        return PublishJson.decodeItem(document(message), channel);
    }

    private static JsonNode document(byte[] message) throws PublishFormatException {
        if (message.length > 0 && message[0] == 'J') {
            JsonNode doc = JsonFields.parseDocument(Arrays.copyOfRange(message, 1, message.length));
            if (doc == null) {
                throw new PublishFormatException("invalid JSON after 'J' (expected: a JSON object)");
            }
            if (!doc.isObject()) {
                throw new PublishFormatException("JSON after 'J' is an array (expected: a JSON object)");
            }
            return doc;
        }
        int offset = message.length > 0 && message[0] == 'T' ? 1 : 0;
        try {
            return Tnetstring.parse(message, offset);
        } catch (TnetstringException e) {
            throw new PublishFormatException("invalid tnetstring" + (offset == 1 ? " after 'T'" : "")
                    + ": " + e.getMessage());
        }
    }
}
