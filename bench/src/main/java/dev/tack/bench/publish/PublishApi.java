package dev.tack.bench.publish;

import java.util.ArrayList;
import java.util.List;

/**
 * The publish API a target speaks, and how one message to some channels becomes HTTP requests.
 *
 * <p>{@link #PUSHPIN}: Pushpin's (and Tack's, and the C reference's) {@code POST /publish/} with the items
 * JSON of {@link PublishBody}, up to {@value #ITEMS_PER_REQUEST} channels per request.
 *
 * <p>{@link #NCHAN}: Nchan's publisher location, one request per channel, the raw payload as the body; the
 * channel name is appended to the publish URL's path. Nchan frames the body itself (an SSE event, a
 * WebSocket text message) and assigns its own message ids:
 * <pre>
 * POST /pub/bench-0 HTTP/1.1
 * Content-Type: text/plain
 * Content-Length: 64
 *
 * B 7 1767225600123456 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
 * </pre>
 */
public enum PublishApi {
    PUSHPIN,
    NCHAN;

    /** Channels per Pushpin publish request when several channels get one message (the probes). */
    static final int ITEMS_PER_REQUEST = 100;

    /** One HTTP request: its target (path and query), content type and body. */
    public record Request(String target, String contentType, String body) {
    }

    /** How many channels one request can carry. */
    int channelsPerRequest() {
        return this == PUSHPIN ? ITEMS_PER_REQUEST : 1;
    }

    /**
     * The request that publishes {@code payload} to {@code channels} (at most {@link #channelsPerRequest()}).
     *
     * @param target the publish URL's request target, e.g. {@code /publish/} or {@code /pub/}
     * @param id     the message id, or null; only the Pushpin format carries it (item {@code id} and an SSE
     *               {@code id:} line), Nchan numbers messages itself
     */
    Request request(String target, List<String> channels, String payload, String id) {
        if (channels.size() > channelsPerRequest()) {
            throw new IllegalArgumentException("channels per request: " + channels.size() + " (expected: at most "
                    + channelsPerRequest() + " for " + name().toLowerCase() + ")");
        }
        if (this == PUSHPIN) {
            return new Request(target, "application/json", PublishBody.items(channels, payload, id));
        }
        String base = target.endsWith("/") ? target : target + "/";
        return new Request(base + channels.get(0), "text/plain", payload);
    }

    /** Splits {@code channels} into groups that one request each can carry. */
    List<List<String>> batches(List<String> channels) {
        List<List<String>> out = new ArrayList<>();
        int size = channelsPerRequest();
        for (int i = 0; i < channels.size(); i += size) {
            out.add(channels.subList(i, Math.min(channels.size(), i + size)));
        }
        return out;
    }

    /**
     * The API named {@code name}, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static PublishApi parse(String name) {
        for (PublishApi a : values()) {
            if (a.name().equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("publish API: '" + name + "' (expected: pushpin or nchan)");
    }
}
