package dev.tack.proxy.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tack.api.ws.WsEvent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per WebSocket-over-HTTP wire rule (pushpin-spec §2.2, §2.5, §2.6). */
class WsOverHttpWireTest {

    private static HttpHeaders headers(String... pairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    @Test
    void requestReplacesHandshakeHeadersWithEventHeadersAndMeta() {
        DefaultHttpRequest base = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws?x=1");
        base.headers().set("Accept", "*/*").set("Meta-Forged", "no").set("Sec-WebSocket-Extensions", "permessage-deflate")
                .set("Cookie", "a=b");
        FullHttpRequest request = WsOverHttpWire.request(base, true, "cid-1", Map.of("User", "alice"),
                List.of(WsEvent.text("hello")));
        try {
            assertEquals(HttpMethod.POST, request.method());
            assertEquals("/ws?x=1", request.uri());
            assertEquals("application/websocket-events", request.headers().get("Accept"));
            assertEquals("application/websocket-events", request.headers().get("Content-Type"));
            assertEquals("grip", request.headers().get("Sec-WebSocket-Extensions"));
            assertEquals("cid-1", request.headers().get("Connection-Id"));
            assertEquals("alice", request.headers().get("Meta-User"));
            assertFalse(request.headers().contains("Meta-Forged"));
            assertEquals("a=b", request.headers().get("Cookie"));
            assertEquals("TEXT 5\r\nhello\r\n", request.content().toString(StandardCharsets.UTF_8));
            assertEquals("15", request.headers().get("Content-Length"));
        } finally {
            request.release();
        }
    }

    @Test
    void noGripRouteSendsNoGripExtension() {
        FullHttpRequest request = WsOverHttpWire.request(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"),
                false, "cid", Map.of(), List.of(WsEvent.open()));
        try {
            assertNull(request.headers().get("Sec-WebSocket-Extensions"));
        } finally {
            request.release();
        }
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
