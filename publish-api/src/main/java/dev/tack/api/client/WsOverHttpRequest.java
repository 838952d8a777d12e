package dev.tack.api.client;

import dev.tack.api.Header;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventCodec;
import dev.tack.api.ws.WsEventFormatException;
import dev.tack.api.ws.WsEventType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A WebSocket-over-HTTP request as an origin receives it from a GRIP proxy (docs/compatibility.md
 * "WebSocket-over-HTTP"): the connection id, the meta values stored by earlier {@code Set-Meta-*} replies, and the
 * events.
 * <pre>
 * POST /ws HTTP/1.1
 * Content-Type: application/websocket-events
 * Accept: application/websocket-events
 * Connection-Id: 5c3b7f0e-2d3a-4b4e-9c55-0f6d2f1a9b21
 * Meta-User: alice
 * Grip-Sig: eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9...
 * Content-Length: 15
 *
 * TEXT 5\r\n
 * hello\r\n
 * </pre>
 * Immutable once parsed.
 */
public final class WsOverHttpRequest {
    /** The media type of WebSocket-over-HTTP bodies. */
    public static final String CONTENT_TYPE = "application/websocket-events";

    private final String connectionId;
    private final List<Header> headers;
    private final Map<String, String> meta;
    private final List<WsEvent> events;

    private WsOverHttpRequest(String connectionId, List<Header> headers, Map<String, String> meta,
            List<WsEvent> events) {
        this.connectionId = connectionId;
        this.headers = headers;
        this.meta = meta;
        this.events = events;
    }

    /**
     * Whether a request is WebSocket-over-HTTP, as the GRIP libraries decide it: {@code POST}, a
     * {@code Content-Type} of {@code application/websocket-events} (parameters ignored) and an {@code Accept}
     * that allows it ({@code application/websocket-events}, {@code application/*} or {@code *}{@code /*}).
     */
    public static boolean isWsOverHttp(String method, List<Header> headers) {
        if (!"POST".equals(method)) {
            return false;
        }
        Optional<String> contentType = first(headers, "Content-Type");
        if (contentType.isEmpty() || !mediaType(contentType.get()).equalsIgnoreCase(CONTENT_TYPE)) {
            return false;
        }
        for (Header h : headers) {
            if (h.is("Accept")) {
                for (String range : h.value().split(",")) {
                    String type = mediaType(range);
                    if (type.equalsIgnoreCase(CONTENT_TYPE) || type.equals("*/*")
                            || type.equalsIgnoreCase("application/*")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Parses a request from its headers (any case) and body.
     *
     * @throws IllegalArgumentException when {@code Connection-Id} is missing (answer 400)
     * @throws WsEventFormatException when the body is not a valid event list (answer 400)
     */
    public static WsOverHttpRequest parse(List<Header> headers, byte[] body) throws WsEventFormatException {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        String connectionId = first(headers, "Connection-Id").orElseThrow(() -> new IllegalArgumentException(
                "Connection-Id header is missing (expected: the id a GRIP proxy puts on every "
                        + "WebSocket-over-HTTP request)"));
        Map<String, String> meta = new LinkedHashMap<>();
        for (Header h : headers) {
            if (h.name().regionMatches(true, 0, "Meta-", 0, 5) && h.name().length() > 5) {
                meta.putIfAbsent(h.name().substring(5).toLowerCase(Locale.ROOT), h.value());
            }
        }
        return new WsOverHttpRequest(connectionId, List.copyOf(headers), Collections.unmodifiableMap(meta),
                List.copyOf(WsEventCodec.decode(body)));
    }

    /** Parses a request whose headers come as a map of name to values (as {@code com.sun.net.httpserver.Headers}). */
    public static WsOverHttpRequest parse(Map<String, List<String>> headers, byte[] body)
            throws WsEventFormatException {
        Objects.requireNonNull(headers, "headers");
        List<Header> list = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> list.add(new Header(name, value))));
        return parse(list, body);
    }

    /** The proxy's id for this WebSocket connection, the same on every request of the connection. */
    public String connectionId() {
        return connectionId;
    }

    /** The meta value the origin stored earlier with {@code Set-Meta-<name>}; names compare ignoring case. */
    public Optional<String> meta(String name) {
        return Optional.ofNullable(meta.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every meta value, by lower-case name. */
    public Map<String, String> meta() {
        return meta;
    }

    /** The events of the body, in order; empty for a keep-alive poll. */
    public List<WsEvent> events() {
        return events;
    }

    /** Whether this request opens the connection (its first event is {@code OPEN}); the reply should accept it. */
    public boolean isOpening() {
        return !events.isEmpty() && events.get(0).type() == WsEventType.OPEN;
    }

    /** The client's {@code TEXT} and {@code BINARY} messages, in order. */
    public List<WsEvent> messages() {
        return events.stream()
                .filter(e -> e.type() == WsEventType.TEXT || e.type() == WsEventType.BINARY)
                .toList();
    }

    /** The client's {@code CLOSE} event, if it sent one; the reply should close too. */
    public Optional<WsEvent> closeEvent() {
        return events.stream().filter(e -> e.type() == WsEventType.CLOSE).findFirst();
    }

    /** Whether the client went away without a close handshake ({@code DISCONNECT}). */
    public boolean isDisconnected() {
        return events.stream().anyMatch(e -> e.type() == WsEventType.DISCONNECT);
    }

    /** The first value of a header, by name in any case. */
    public Optional<String> header(String name) {
        return first(headers, name);
    }

    /** Every header as received. */
    public List<Header> headers() {
        return headers;
    }

    private static Optional<String> first(List<Header> headers, String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    private static String mediaType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
    }
}
