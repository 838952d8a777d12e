package dev.tack.api.client;

import dev.tack.api.Header;
import dev.tack.api.grip.KeepAliveMode;
import dev.tack.api.publish.WsMessageType;
import dev.tack.api.ws.WsControlCodec;
import dev.tack.api.ws.WsControlMessage;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventCodec;
import dev.tack.api.ws.WsEventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an origin's reply to a WebSocket-over-HTTP request (docs/compatibility.md "WebSocket-over-HTTP", "The GRIP
 * WebSocket extension"). The reply is always {@code 200}; {@link #headers()} and {@link #body()} are what to send.
 * Accepting a connection and joining a room:
 * <pre>
 * new WsOverHttpResponse().accept().subscribe("room-x").send("welcome")
 *
 * HTTP/1.1 200 OK
 * Content-Type: application/websocket-events
 * Sec-WebSocket-Extensions: grip
 *
 * OPEN\r\n
 * TEXT 29\r\n
 * c:{"type":"subscribe","channel":"room-x"}\r\n
 * TEXT 9\r\n
 * m:welcome\r\n
 * </pre>
 * {@code OPEN} always comes first and {@code CLOSE} last, whatever the call order; everything else keeps its
 * order. Messages to the client carry the message prefix ({@code m:} unless {@link #messagePrefix} changes
 * it), control messages {@code c:}. Not thread-safe: one builder per reply.
 */
public final class WsOverHttpResponse {
    private static final String DEFAULT_PREFIX = "m:";

    private final List<WsEvent> events = new ArrayList<>();
    private final Map<String, Header> setMeta = new LinkedHashMap<>();
    private final List<Header> extraHeaders = new ArrayList<>();
    private String messagePrefix = DEFAULT_PREFIX;
    private boolean accepted;
    private WsEvent close;
    private int keepAliveInterval = -1;

    /**
     * Accepts the connection: an {@code OPEN} event first and {@code Sec-WebSocket-Extensions: grip}, which turns
     * on GRIP message handling at the proxy. Only the reply to the opening request should accept.
     */
    public WsOverHttpResponse accept() {
        accepted = true;
        return this;
    }

    /**
     * Uses {@code prefix} instead of {@code m:} for messages to the client; on an accepting reply the extension
     * header then says {@code grip; message-prefix="<prefix>"} ({@code ""} sends messages unprefixed, as the
     * Fastly starters do). Later replies of the same connection must use the same prefix.
     */
    public WsOverHttpResponse messagePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        for (char c : prefix.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("message prefix: \"" + prefix
                        + "\" (expected: printable ASCII without quotes or backslashes)");
            }
        }
        this.messagePrefix = prefix;
        return this;
    }

    /** Sends a text message to the client: {@code TEXT} with the message prefix, {@code m:hello}. */
    public WsOverHttpResponse send(String text) {
        Objects.requireNonNull(text, "text");
        events.add(WsEvent.text(messagePrefix + text));
        return this;
    }

    /** Sends a binary message to the client: {@code BINARY} with the message prefix before the bytes. */
    public WsOverHttpResponse sendBinary(byte[] data) {
        Objects.requireNonNull(data, "data");
        byte[] prefix = messagePrefix.getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[prefix.length + data.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(data, 0, content, prefix.length, data.length);
        events.add(WsEvent.binary(content));
        return this;
    }

    /** Sends a GRIP control message: {@code TEXT} {@code c:<json>}. */
    public WsOverHttpResponse sendControl(WsControlMessage message) {
        events.add(WsEvent.text("c:" + WsControlCodec.encode(message)));
        return this;
    }

    /** Subscribes the connection to {@code channel}. */
    public WsOverHttpResponse subscribe(String channel) {
        return sendControl(new WsControlMessage.Subscribe(channel));
    }

    /** Unsubscribes the connection from {@code channel}. */
    public WsOverHttpResponse unsubscribe(String channel) {
        return sendControl(new WsControlMessage.Unsubscribe(channel));
    }

    /** Detaches: the proxy closes the origin side and keeps the client, which still gets publishes. */
    public WsOverHttpResponse detach() {
        return sendControl(new WsControlMessage.Detach());
    }

    /**
     * Asks the proxy to send {@code text} to the client after {@code timeoutSeconds} of idleness, repeatedly
     * ({@code keep-alive} control message, idle mode). The text goes to the client as is, without prefix.
     */
    public WsOverHttpResponse keepAlive(String text, int timeoutSeconds) {
        return sendControl(new WsControlMessage.KeepAlive(text.getBytes(StandardCharsets.UTF_8),
                WsMessageType.TEXT, timeoutSeconds, KeepAliveMode.IDLE));
    }

    /** Adds any event as is, e.g. a {@code PONG} answering a client's {@code PING}. */
    public WsOverHttpResponse event(WsEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.type() == WsEventType.OPEN) {
            return accept();
        }
        if (event.type() == WsEventType.CLOSE) {
            close = event;
            return this;
        }
        events.add(event);
        return this;
    }

    /** Closes the client with {@code code} (1000-4999) and {@code reason}; written last. */
    public WsOverHttpResponse close(int code, String reason) {
        if (code < 1000 || code > 4999) {
            throw new IllegalArgumentException("close code: " + code + " (expected: 1000-4999)");
        }
        close = WsEvent.close(code, reason);
        return this;
    }

    /** Closes the client without a status code ({@code CLOSE\r\n}); written last. */
    public WsOverHttpResponse close() {
        close = WsEvent.closeWithoutCode();
        return this;
    }

    /** Drops the client connection without a close handshake ({@code DISCONNECT}). */
    public WsOverHttpResponse disconnect() {
        events.add(WsEvent.disconnect());
        return this;
    }

    /**
     * Stores a meta value at the proxy, sent back as {@code Meta-<name>} on every later request:
     * {@code Set-Meta-<name>: <value>}; a null or empty value deletes it.
     */
    public WsOverHttpResponse setMeta(String name, String value) {
        if (name == null || name.isEmpty() || !name.chars().allMatch(WsOverHttpResponse::isTokenChar)) {
            throw new IllegalArgumentException("meta name: \"" + name + "\" (expected: a header-name token)");
        }
        setMeta.put(name.toLowerCase(Locale.ROOT), new Header("Set-Meta-" + name, value == null ? "" : value));
        return this;
    }

    /**
     * Asks the proxy to poll with a request (possibly empty) after {@code seconds} of idleness:
     * {@code Keep-Alive-Interval}. Pushpin raises values under 20 to 20; 0 turns polling off.
     */
    public WsOverHttpResponse keepAliveInterval(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("Keep-Alive-Interval: " + seconds + " (expected: seconds >= 0)");
        }
        keepAliveInterval = seconds;
        return this;
    }

    /** Adds a header as is, e.g. {@code Sec-WebSocket-Protocol} on the accepting reply. */
    public WsOverHttpResponse header(String name, String value) {
        extraHeaders.add(new Header(name, value));
        return this;
    }

    /** The events to send, in wire order. */
    public List<WsEvent> events() {
        List<WsEvent> out = new ArrayList<>(events.size() + 2);
        if (accepted) {
            out.add(WsEvent.open());
        }
        out.addAll(events);
        if (close != null) {
            out.add(close);
        }
        return out;
    }

    /** The reply headers: {@code Content-Type: application/websocket-events} first, then the GRIP ones. */
    public List<Header> headers() {
        List<Header> out = new ArrayList<>();
        out.add(new Header("Content-Type", WsOverHttpRequest.CONTENT_TYPE));
        if (accepted) {
            out.add(new Header("Sec-WebSocket-Extensions", DEFAULT_PREFIX.equals(messagePrefix)
                    ? "grip" : "grip; message-prefix=\"" + messagePrefix + "\""));
        }
        if (keepAliveInterval >= 0) {
            out.add(new Header("Keep-Alive-Interval", Integer.toString(keepAliveInterval)));
        }
        out.addAll(setMeta.values());
        out.addAll(extraHeaders);
        return out;
    }

    /** The reply body: the encoded {@link #events()}. */
    public byte[] body() {
        return WsEventCodec.encode(events());
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
