package dev.tack.api.publish;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One published message for one channel, in up to three renderings (docs/compatibility.md "Publishing"):
 * <pre>
 * {"channel": "news", "id": "2", "prev-id": "1", "meta": {"sender": "alice"},
 *  "formats": {"http-stream": {"content": "data: hi\n\n"}, "ws-message": {"content": "hi"}}}
 * </pre>
 * Build one with {@code PublishItem.of("news", HttpStreamFormat.of("data: hi\n\n"), WsMessageFormat.text("hi"))
 * .withId("2").withPrevId("1")}.
 *
 * @param channel the channel (text)
 * @param id this item's id, or null; sequencing and duplicate suppression use it
 * @param prevId the id of the item this one follows, or null
 * @param meta publisher meta that filters read (e.g. {@code sender}), in order
 * @param noSeq whether to skip reordering by prev-id (docs/compatibility.md "Ordering and duplicates")
 * @param httpResponse the format for response holds, or null
 * @param httpStream the format for stream holds, or null
 * @param wsMessage the format for WebSockets, or null
 */
public record PublishItem(String channel, String id, String prevId, Map<String, String> meta, boolean noSeq,
        HttpResponseFormat httpResponse, HttpStreamFormat httpStream, WsMessageFormat wsMessage) {

    public PublishItem {
        Objects.requireNonNull(channel, "channel");
        meta = meta == null || meta.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        if (httpResponse == null && httpStream == null && wsMessage == null) {
            throw new IllegalArgumentException("formats: none (expected: at least one of http-response, "
                    + "http-stream, ws-message)");
        }
    }

    /** Returns an item for {@code channel} with these formats (at most one of each kind) and nothing else set. */
    public static PublishItem of(String channel, Format... formats) {
        HttpResponseFormat response = null;
        HttpStreamFormat stream = null;
        WsMessageFormat ws = null;
        for (Format f : formats) {
            if (f instanceof HttpResponseFormat r && response == null) {
                response = r;
            } else if (f instanceof HttpStreamFormat s && stream == null) {
                stream = s;
            } else if (f instanceof WsMessageFormat w && ws == null) {
                ws = w;
            } else {
                throw new IllegalArgumentException("formats: two of " + f.getClass().getSimpleName()
                        + " (expected: at most one of each kind)");
            }
        }
        return new PublishItem(channel, null, null, Map.of(), false, response, stream, ws);
    }

    /** Returns a copy with this id. */
    public PublishItem withId(String newId) {
        return new PublishItem(channel, newId, prevId, meta, noSeq, httpResponse, httpStream, wsMessage);
    }

    /** Returns a copy with this prev-id. */
    public PublishItem withPrevId(String newPrevId) {
        return new PublishItem(channel, id, newPrevId, meta, noSeq, httpResponse, httpStream, wsMessage);
    }

    /** Returns a copy with this meta. */
    public PublishItem withMeta(Map<String, String> newMeta) {
        return new PublishItem(channel, id, prevId, newMeta, noSeq, httpResponse, httpStream, wsMessage);
    }

    /** Returns a copy with this no-seq flag. */
    public PublishItem withNoSeq(boolean newNoSeq) {
        return new PublishItem(channel, id, prevId, meta, newNoSeq, httpResponse, httpStream, wsMessage);
    }

    /** Returns the formats present, in the order http-response, http-stream, ws-message. */
    public List<Format> formats() {
        List<Format> out = new ArrayList<>(3);
        if (httpResponse != null) {
            out.add(httpResponse);
        }
        if (httpStream != null) {
            out.add(httpStream);
        }
        if (wsMessage != null) {
            out.add(wsMessage);
        }
        return out;
    }
}
