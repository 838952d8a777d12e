package dev.tack.proxy.ws;

import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventType;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The GRIP WebSocket extension's rules for an origin's messages (docs/compatibility.md "The GRIP WebSocket
 * extension"): with GRIP off every message goes to the client as it is; with GRIP on, a text message starting
 * {@code c:} is a control message, any other message must start with the prefix ({@code m:} by default), which
 * is removed, and one without it is dropped. {@code m:hello} reaches the client as {@code hello}.
 */
final class GripMessages {

    private GripMessages() {
    }

    /** The JSON of a control message ({@code c:{"type":"subscribe",...}}), or null when {@code event} is none. */
    static String control(String gripPrefix, WsEvent event) {
        if (gripPrefix == null || event.type() != WsEventType.TEXT) {
            return null;
        }
        String text = event.text();
        return text.startsWith("c:") ? text.substring(2) : null;
    }

    /**
     * The frame a text or binary message from the origin becomes for the client (owned by the caller), or null
     * when GRIP drops it for lacking the prefix.
     */
    static WebSocketFrame forClient(String gripPrefix, WsEvent event) {
        byte[] content = event.content() == null ? new byte[0] : event.content();
        int skip = 0;
        if (gripPrefix != null) {
            byte[] prefix = gripPrefix.getBytes(StandardCharsets.UTF_8);
            if (content.length < prefix.length || !Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length)) {
                return null;
            }
            skip = prefix.length;
        }
        return event.type() == WsEventType.TEXT
                ? new TextWebSocketFrame(Unpooled.wrappedBuffer(content, skip, content.length - skip))
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(content, skip, content.length - skip));
    }
}
