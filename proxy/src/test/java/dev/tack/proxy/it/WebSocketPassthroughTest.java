package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WsClients;
import dev.tack.proxy.testing.WsOriginServer;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routes without {@code over_http}: Tack relays the client's WebSocket to a WebSocket at the origin. */
class WebSocketPassthroughTest {

    private final WsClients clients = new WsClients();

    @Test
    void withoutGripFramesPassVerbatimBothWays() throws Exception {
        try (WsOriginServer origin = new WsOriginServer(false, List.of("c:not a control message"),
                (text, ch) -> ch.writeAndFlush(new TextWebSocketFrame("echo " + text)));
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()))) {
            WsClients.Client client = clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/chat"));
            await().until(() -> client.texts.contains("c:not a control message"));
            client.send("hello");
            await().until(() -> client.texts.contains("echo hello"));
            assertEquals(List.of("hello"), origin.received);
            assertEquals("grip", origin.handshakes.get(0).get("Sec-WebSocket-Extensions"));
            assertFalse(origin.handshakes.get(0).get("Grip-Sig").isEmpty());
        }
    }

    @Test
    void withGripTheOriginSubscribesAndPublishesReachTheClient() throws Exception {
        try (WsOriginServer origin = new WsOriginServer(true,
                List.of("c:{\"type\":\"subscribe\",\"channel\":\"passthrough\"}", "m:welcome", "unprefixed"),
                (text, ch) -> ch.writeAndFlush(new TextWebSocketFrame("m:echo " + text)));
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()))) {
            WsClients.Client client = clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/chat"));
            await().until(() -> client.texts.contains("welcome") && tack.subscriptions() == 1);
            var published = tack.publish("{\"items\":[{\"channel\":\"passthrough\",\"formats\":{\"ws-message\":"
                    + "{\"content\":\"from a publish\"}}}]}");
            assertEquals(200, published.statusCode());
            client.send("hi");
            await().until(() -> client.texts.contains("from a publish") && client.texts.contains("echo hi"));
            assertFalse(client.texts.contains("unprefixed"));
            client.socket().sendClose(1000, "bye").join();
            client.closed.get();
            await().until(() -> tack.subscriptions() == 0);
        }
    }

    @Test
    void detachClosesOnlyTheOriginSide() throws Exception {
        try (WsOriginServer origin = new WsOriginServer(true, List.of("c:{\"type\":\"subscribe\",\"channel\":\"d\"}",
                "m:welcome", "c:{\"type\":\"detach\"}"), (text, ch) -> { });
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()))) {
            WsClients.Client client = clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/chat"));
            await().until(() -> client.texts.contains("welcome") && tack.subscriptions() == 1);
            // The origin answers the detach by closing its side; the client must not notice.
            await().until(() -> origin.closedConnections.get() == 1);
            assertEquals(200, tack.publish("{\"items\":[{\"channel\":\"d\",\"formats\":{\"ws-message\":"
                    + "{\"content\":\"after detach\"}}}]}").statusCode());
            await().until(() -> client.texts.contains("after detach"));
            assertFalse(client.closed.isDone());
        }
    }
}
