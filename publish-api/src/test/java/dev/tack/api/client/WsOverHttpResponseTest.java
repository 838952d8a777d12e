package dev.tack.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tack.api.Header;
import dev.tack.api.ws.WsControlMessage;
import dev.tack.api.ws.WsEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WsOverHttpResponseTest {

    private static String body(WsOverHttpResponse response) {
        return new String(response.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void acceptWritesOpenFirstAndTheGripExtension() {
        WsOverHttpResponse response = new WsOverHttpResponse().subscribe("room-x").accept();
        assertEquals("OPEN\r\nTEXT 29\r\nc:{\"type\":\"subscribe\",\"channel\":\"room-x\"}\r\n", body(response));
        assertEquals(List.of(new Header("Content-Type", "application/websocket-events"),
                new Header("Sec-WebSocket-Extensions", "grip")), response.headers());
    }

    @Test
    void replyWithoutAcceptHasOnlyContentType() {
        WsOverHttpResponse response = new WsOverHttpResponse();
        assertEquals(List.of(new Header("Content-Type", "application/websocket-events")), response.headers());
        assertEquals("", body(response));
    }

    @Test
    void sendPrefixesMessages() {
        assertEquals("TEXT 4\r\nm:hi\r\nBINARY 3\r\nm:\u0001\r\n",
                body(new WsOverHttpResponse().send("hi").sendBinary(new byte[] {1})));
    }

    @Test
    void customMessagePrefixIsAnnouncedAndUsed() {
        WsOverHttpResponse response = new WsOverHttpResponse().messagePrefix("").accept().send("hi");
        assertEquals("OPEN\r\nTEXT 2\r\nhi\r\n", body(response));
        assertEquals(new Header("Sec-WebSocket-Extensions", "grip; message-prefix=\"\""), response.headers().get(1));
    }

    @Test
    void badMessagePrefixIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WsOverHttpResponse().messagePrefix("a\"b"));
    }

    @Test
    void controlMessagesArePrefixedWithC() {
        assertEquals("TEXT 2b\r\nc:{\"type\":\"unsubscribe\",\"channel\":\"room-x\"}\r\n"
                        + "TEXT 13\r\nc:{\"type\":\"detach\"}\r\n",
                body(new WsOverHttpResponse().unsubscribe("room-x").detach()));
        assertEquals("TEXT 1e\r\nc:{\"type\":\"session\",\"id\":\"s1\"}\r\n",
                body(new WsOverHttpResponse().sendControl(new WsControlMessage.Session("s1"))));
    }

    @Test
    void keepAliveSendsKeepAliveControlMessage() {
        assertEquals("TEXT 41\r\nc:{\"type\":\"keep-alive\",\"content\":\"{}\",\"timeout\":30,\"mode\":\"idle\"}\r\n",
                body(new WsOverHttpResponse().keepAlive("{}", 30)));
    }

    @Test
    void closeIsWrittenLast() {
        assertEquals("TEXT 5\r\nm:bye\r\nCLOSE 5\r\n\u000f\u00a1bye\r\n",
                body(new WsOverHttpResponse().close(4001, "bye").send("bye")));
        assertEquals("CLOSE\r\n", body(new WsOverHttpResponse().close()));
    }

    @Test
    void closeCodeOutsideTheApplicationRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WsOverHttpResponse().close(0, ""));
        assertEquals("close code: 0 (expected: 1000-4999)", e.getMessage());
    }

    @Test
    void disconnectAndRawEventsKeepTheirOrder() {
        assertEquals("PONG\r\nDISCONNECT\r\n",
                body(new WsOverHttpResponse().event(WsEvent.pong(null)).disconnect()));
    }

    @Test
    void setMetaAndKeepAliveIntervalBecomeHeaders() {
        WsOverHttpResponse response = new WsOverHttpResponse()
                .keepAliveInterval(20)
                .setMeta("User", "alice")
                .setMeta("room", null)
                .setMeta("user", "bob")
                .header("Sec-WebSocket-Protocol", "chat");
        assertEquals(List.of(new Header("Content-Type", "application/websocket-events"),
                new Header("Keep-Alive-Interval", "20"),
                new Header("Set-Meta-user", "bob"),
                new Header("Set-Meta-room", ""),
                new Header("Sec-WebSocket-Protocol", "chat")), response.headers());
    }

    @Test
    void badMetaNameAndNegativeIntervalAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WsOverHttpResponse().setMeta("a b", "x"));
        assertThrows(IllegalArgumentException.class, () -> new WsOverHttpResponse().keepAliveInterval(-1));
    }
}
