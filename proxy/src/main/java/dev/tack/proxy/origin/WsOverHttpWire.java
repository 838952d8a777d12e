package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventCodec;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket-over-HTTP wire rules (pushpin-spec §2.2, §2.5, §2.6) as pure functions: the request Tack sends
 * and the control headers of the origin's reply. {@link WsOverHttpLink} holds the state.
 */
final class WsOverHttpWire {

    static final String EVENTS_TYPE = "application/websocket-events";

    private WsOverHttpWire() {
    }

    /**
     * The request for {@code events}: the client's handshake headers as {@code base} carries them (already
     * through {@link OriginRequests}), minus what the spec removes, plus the event headers and the stored meta.
     */
    static FullHttpRequest request(HttpRequest base, boolean grip, String connectionId, Map<String, String> meta,
            List<WsEvent> events) {
        HttpHeaders headers = base.headers();
        headers.remove(HttpHeaderNames.ACCEPT);
        headers.remove("Connection-Id");
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        headers.remove(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
        for (String name : new ArrayList<>(headers.names())) {
            if (name.regionMatches(true, 0, "meta-", 0, 5)) {
                headers.remove(name);
            }
        }
        if (grip) {
            headers.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, "grip");
        }
        byte[] content = WsEventCodec.encode(events);
        headers.set(HttpHeaderNames.ACCEPT, EVENTS_TYPE);
        headers.set(HttpHeaderNames.CONTENT_TYPE, EVENTS_TYPE);
        headers.set("Connection-Id", connectionId);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, content.length);
        meta.forEach((name, value) -> headers.set("Meta-" + name, value));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, base.uri(),
                Unpooled.wrappedBuffer(content));
        request.headers().set(headers);
        return request;
    }

    /** Applies a reply's {@code Set-Meta-<Name>} headers to {@code meta}: an empty value deletes. */
    static void applySetMeta(HttpHeaders reply, Map<String, String> meta) {
        for (var entry : reply) {
            String name = entry.getKey();
            if (name.regionMatches(true, 0, "Set-Meta-", 0, 9)) {
                String key = name.substring(9);
                if (entry.getValue().isEmpty()) {
                    meta.remove(key);
                } else {
                    meta.put(key, entry.getValue());
                }
            }
        }
    }

    /**
     * The polling interval a reply asks for with {@code Keep-Alive-Interval}: values above 0 are raised to at
     * least 20 s, 0 or nonsense switch polling off, and without the header {@code current} stays.
     */
    static int keepAliveInterval(HttpHeaders reply, int current) {
        String interval = reply.get("Keep-Alive-Interval");
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
     * (pushpin-spec §2.6; the default prefix is {@code m:}), or null.
     */
    static String gripPrefix(HttpHeaders headers) {
        List<Header> extensions = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)) {
            extensions.add(new Header(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS.toString(), value));
        }
        for (HeaderValues.Parameters extension : HeaderValues.allAsParameters(extensions,
                HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS.toString(), HeaderValues.Mode.FIRST_IS_VALUE)) {
            if ("grip".equalsIgnoreCase(extension.first())) {
                String prefix = extension.get("message-prefix");
                return prefix == null ? "m:" : prefix;
            }
        }
        return null;
    }
}
