package dev.tack.proxy.ws;

import dev.tack.api.publish.WsMessageType;
import dev.tack.api.ws.WsEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * The one conversion between WebSocket frames and WebSocket-over-HTTP events, shared by both directions and both
 * kinds of origin link: a client's frame becomes the event a link sends the origin, a passthrough origin's frame
 * becomes the event the session handles, and an event becomes the frame that goes out. Frames here are whole
 * messages (continuations already joined).
 */
final class WsFrames {

    private WsFrames() {
    }

    /**
     * The event a frame carries, or null for a continuation frame. Does not take ownership of {@code frame}; the
     * event owns a copy of its payload.
     */
    static WsEvent event(WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            return WsEvent.text(text.text());
        }
        if (frame instanceof BinaryWebSocketFrame) {
            return WsEvent.binary(ByteBufUtil.getBytes(frame.content()));
        }
        if (frame instanceof PingWebSocketFrame) {
            return WsEvent.ping(ByteBufUtil.getBytes(frame.content()));
        }
        if (frame instanceof PongWebSocketFrame) {
            return WsEvent.pong(ByteBufUtil.getBytes(frame.content()));
        }
        if (frame instanceof CloseWebSocketFrame close) {
            return close.statusCode() < 0 ? WsEvent.closeWithoutCode() : WsEvent.close(close.statusCode(),
                    close.reasonText());
        }
        return null;
    }

    /**
     * The frame for an event, owned by the caller; null for events that have no frame ({@code OPEN}, {@code
     * DISCONNECT}). A close code no frame may carry (RFC 6455 §7.4) is sent as a close without a code.
     */
    static WebSocketFrame frame(WsEvent event) {
        return switch (event.type()) {
            case TEXT -> new TextWebSocketFrame(payload(event.content()));
            case BINARY -> new BinaryWebSocketFrame(payload(event.content()));
            case PING -> new PingWebSocketFrame(payload(event.content()));
            case PONG -> new PongWebSocketFrame(payload(event.content()));
            case CLOSE -> close(event.closeCode(), event.closeReason());
            case OPEN, DISCONNECT -> null;
        };
    }

    /** A close frame with {@code code} and {@code reason}; without a code when {@code code} is not one to send. */
    static CloseWebSocketFrame close(int code, String reason) {
        return sendable(code) ? new CloseWebSocketFrame(code, reason == null ? "" : reason) : new CloseWebSocketFrame();
    }

    /** A message of {@code type} with {@code content}, as keep-alives and delayed sends make them. */
    static WebSocketFrame message(WsMessageType type, byte[] content) {
        ByteBuf payload = payload(content);
        return switch (type) {
            case TEXT -> new TextWebSocketFrame(payload);
            case BINARY -> new BinaryWebSocketFrame(payload);
            case PING -> new PingWebSocketFrame(payload);
            case PONG -> new PongWebSocketFrame(payload);
        };
    }

    /** {@code text} cut to the 123 bytes of UTF-8 a close reason may hold (RFC 6455 §5.5), whole chars only. */
    static String reason(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return text;
        }
        int end = 123;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** Whether an endpoint may send {@code code} in a close frame (RFC 6455 §7.4.1, §7.4.2). */
    static boolean sendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    static ByteBuf payload(byte[] content) {
        return content == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(content);
    }
}
