package dev.tack.proxy.history;

import dev.tack.api.Header;
import dev.tack.api.publish.HttpResponseFormat;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.proxy.delivery.PreparedItem;
import java.util.Map;

/**
 * What one stored item costs, counted high rather than low so that {@code history_max_bytes} and {@code
 * history_total_bytes} bound real memory: the item's own bytes on the heap (contents, body, headers, id, meta; two
 * bytes per character of a string), its encoded copies off the heap (the HTTP chunk, the WebSocket frame), and a
 * fixed share for the objects that hold them.
 */
final class ItemSize {

    /** The objects around one stored item: entry, prepared item, publish item, formats, buffers, index entry. */
    static final int OVERHEAD = 512;
    /** A channel's ring, its map entries and its id index, before any item. */
    static final int RING_OVERHEAD = 384;

    private ItemSize() {
    }

    static int of(PreparedItem prepared) {
        PublishItem item = prepared.item();
        long size = OVERHEAD + chars(item.id()) + chars(item.prevId());
        for (Map.Entry<String, String> meta : item.meta().entrySet()) {
            size += 48 + chars(meta.getKey()) + chars(meta.getValue());
        }
        HttpStreamFormat stream = item.httpStream();
        if (stream != null) {
            size += stream.content().length;
        }
        WsMessageFormat ws = item.wsMessage();
        if (ws != null) {
            size += ws.content().length + chars(ws.closeReason());
        }
        HttpResponseFormat response = item.httpResponse();
        if (response != null) {
            size += response.body().length + chars(response.reason());
            for (Header header : response.headers()) {
                size += 48 + chars(header.name()) + chars(header.value());
            }
            if (response.bodyPatch() != null) {
                size += 4L * response.bodyPatch().toString().length();
            }
        }
        if (prepared.streamChunk() != null) {
            size += prepared.streamChunk().capacity();
        }
        if (prepared.wsFrame() != null) {
            size += prepared.wsFrame().capacity();
        }
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    static int ring(String channel) {
        return RING_OVERHEAD + chars(channel);
    }

    private static int chars(String text) {
        return text == null ? 0 : 40 + 2 * text.length();
    }
}
