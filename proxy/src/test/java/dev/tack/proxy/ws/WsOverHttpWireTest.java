package dev.tack.proxy.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tack.api.Header;
import dev.tack.api.ws.WsEvent;
import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.origin.OriginTimings;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RoutesParser;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per WebSocket-over-HTTP wire rule (docs/compatibility.md "WebSocket-over-HTTP"). */
class WsOverHttpWireTest {

    private static final OriginRequest.Policy POLICY = OriginRequest.Policy.webSocketOverHttp(OriginTimings.defaults(), 0);

    private static List<Header> headers(String... pairs) {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(new Header(pairs[i], pairs[i + 1]));
        }
        return headers;
    }

    private static OriginRequest base(String uri, String... headerPairs) throws Exception {
        Route route = RoutesParser.parse(List.of("* 127.0.0.1:8080,over_http"), w -> { }).get(0);
        return new OriginRequest(route, route.targets(), HttpMethod.GET, uri, headers(headerPairs), null, true, false,
                POLICY);
    }

    @Test
    void requestReplacesHandshakeHeadersWithEventHeadersAndMeta() throws Exception {
        OriginRequest request = WsOverHttpWire.request(base("/ws?x=1", "Accept", "*/*", "Meta-Forged", "no",
                "Sec-WebSocket-Extensions", "permessage-deflate", "Cookie", "a=b"), true, "cid-1",
                Map.of("User", "alice"), List.of(WsEvent.text("hello")), POLICY);
        assertEquals(HttpMethod.POST, request.method());
        assertEquals("/ws?x=1", request.uri());
        assertEquals("application/websocket-events", request.header("Accept"));
        assertEquals("application/websocket-events", request.header("Content-Type"));
        assertEquals("grip", request.header("Sec-WebSocket-Extensions"));
        assertEquals("cid-1", request.header("Connection-Id"));
        assertEquals("alice", request.header("Meta-User"));
        assertNull(request.header("Meta-Forged"));
        assertEquals("a=b", request.header("Cookie"));
        assertEquals("TEXT 5\r\nhello\r\n", new String(request.body(), StandardCharsets.UTF_8));
        assertEquals(1, request.headers().stream().filter(h -> h.is("Accept")).count());
    }

    @Test
    void noGripRouteSendsNoGripExtension() throws Exception {
        OriginRequest request = WsOverHttpWire.request(base("/"), false, "cid", Map.of(), List.of(WsEvent.open()),
                POLICY);
        assertNull(request.header("Sec-WebSocket-Extensions"));
    }

    @Test
    void setMetaStoresAndAnEmptyValueDeletes() {
        Map<String, String> meta = new LinkedHashMap<>(Map.of("Old", "x"));
        WsOverHttpWire.applySetMeta(headers("Set-Meta-User", "alice", "Set-Meta-Old", ""), meta);
        assertEquals(Map.of("User", "alice"), meta);
    }

    @Test
    void keepAliveIntervalIsRaisedToTwentySeconds() {
        assertEquals(20, WsOverHttpWire.keepAliveInterval(headers("Keep-Alive-Interval", "5"), 0));
        assertEquals(45, WsOverHttpWire.keepAliveInterval(headers("Keep-Alive-Interval", "45"), 0));
    }

    @Test
    void keepAliveIntervalZeroOrNonsenseSwitchesPollingOff() {
        assertEquals(0, WsOverHttpWire.keepAliveInterval(headers("Keep-Alive-Interval", "0"), 30));
        assertEquals(0, WsOverHttpWire.keepAliveInterval(headers("Keep-Alive-Interval", "soon"), 30));
        assertEquals(30, WsOverHttpWire.keepAliveInterval(headers(), 30));
    }

    @Test
    void gripExtensionTurnsGripOnWithTheDefaultOrGivenPrefix() {
        assertEquals("m:", WsOverHttpWire.gripPrefix(headers("Sec-WebSocket-Extensions", "grip")));
        assertEquals("", WsOverHttpWire.gripPrefix(headers("Sec-WebSocket-Extensions", "grip; message-prefix=\"\"")));
        assertEquals("x-", WsOverHttpWire.gripPrefix(headers("Sec-WebSocket-Extensions", "foo, grip; message-prefix=x-")));
        assertNull(WsOverHttpWire.gripPrefix(headers("Sec-WebSocket-Extensions", "permessage-deflate")));
        assertNull(WsOverHttpWire.gripPrefix(headers()));
    }
}
