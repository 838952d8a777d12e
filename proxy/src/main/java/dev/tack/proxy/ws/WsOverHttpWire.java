package dev.tack.proxy.ws;

import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventCodec;
import dev.tack.proxy.origin.OriginRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The WebSocket-over-HTTP wire rules (docs/compatibility.md "WebSocket-over-HTTP", Pushpin's {@code
 * websocketoverhttp.cpp}) as pure functions: the request Tack sends and the control headers of the origin's
 * reply. {@link WsOverHttpLink} holds the state. A request for a client's first message looks like
 * <pre>
 * POST /api/websocket?roomId=7 HTTP/1.1
 * Connection-Id: 0f6f1b7e-5b0c-4d53-9b2e-6c1f0e7d2a11
 * Content-Type: application/websocket-events
 * Accept: application/websocket-events
 * Sec-WebSocket-Extensions: grip
 * Content-Length: 15
 *
 * TEXT 5\r\nhello\r\n
 * </pre>
 */
final class WsOverHttpWire {

    static final String EVENTS_TYPE = "application/websocket-events";

    /** Handshake headers the origin never sees on a WebSocket-over-HTTP request (they are replaced). */
    private static final Set<String> REPLACED = Set.of("accept", "connection-id", "content-length", "content-type",
            "sec-websocket-extensions", "upgrade");

    private WsOverHttpWire() {
    }

    /**
     * The request for {@code events}: the client's handshake headers as {@code base} carries them (already through
     * the origin request rules), minus what Pushpin removes, plus the event headers and the stored meta.
     */
    static OriginRequest request(OriginRequest base, boolean grip, String connectionId, Map<String, String> meta,
            List<WsEvent> events, OriginRequest.Policy policy) {
        List<Header> headers = new ArrayList<>(base.headers().size() + 6 + meta.size());
        for (Header header : base.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!REPLACED.contains(name) && !name.startsWith("meta-")) {
                headers.add(header);
            }
        }
        if (grip) {
            headers.add(new Header(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS.toString(), "grip"));
        }
        headers.add(new Header(HttpHeaderNames.ACCEPT.toString(), EVENTS_TYPE));
        headers.add(new Header(HttpHeaderNames.CONTENT_TYPE.toString(), EVENTS_TYPE));
        headers.add(new Header("Connection-Id", connectionId));
        meta.forEach((name, value) -> headers.add(new Header("Meta-" + name, value)));
        return new OriginRequest(base.route(), base.targets(), HttpMethod.POST, base.uri(), headers,
                WsEventCodec.encode(events), base.sign(), false, policy);
    }

    /** Applies a reply's {@code Set-Meta-<Name>} headers to {@code meta}: an empty value deletes. */
    static void applySetMeta(List<Header> reply, Map<String, String> meta) {
        for (Header header : reply) {
            String name = header.name();
            if (name.regionMatches(true, 0, "Set-Meta-", 0, 9)) {
                String key = name.substring(9);
                if (header.value().isEmpty()) {
                    meta.remove(key);
                } else {
                    meta.put(key, header.value());
                }
            }
        }
    }

    /**
     * The polling interval a reply asks for with {@code Keep-Alive-Interval}: values above 0 are raised to at
     * least 20 s, 0 or nonsense switch polling off, and without the header {@code current} stays.
     */
    static int keepAliveInterval(List<Header> reply, int current) {
        String interval = HeaderValues.first(reply, "Keep-Alive-Interval");
        if (interval == null) {
            return current;
        }
        try {
            int seconds = Integer.parseInt(interval.trim());
            return seconds <= 0 ? 0 : Math.max(seconds, 20);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The message prefix when {@code Sec-WebSocket-Extensions: grip[; message-prefix="p"]} turns GRIP on
     * (docs/compatibility.md "The GRIP WebSocket extension"; the default prefix is {@code m:}), or null.
     */
    static String gripPrefix(List<Header> headers) {
        String name = HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS.toString();
        for (HeaderValues.Parameters extension : HeaderValues.allAsParameters(headers, name,
                HeaderValues.Mode.FIRST_IS_VALUE)) {
            if ("grip".equalsIgnoreCase(extension.first())) {
                String prefix = extension.get("message-prefix");
                return prefix == null ? "m:" : prefix;
            }
        }
        return null;
    }
}
