package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A published ws-message reaches a thousand WebSocket clients on its channel and none on another. */
class WebSocketFanOutTest {

    @Test
    void publishedMessageReachesThousandClientsAndNoneOnAnotherChannel() throws Exception {
        try (OriginServer server = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + server.port() + ",over_http"))) {
            new WohOrigin(server, "/room", r -> r.isOpening()
                    ? new WsOverHttpResponse().accept().subscribe("room") : new WsOverHttpResponse());
            new WohOrigin(server, "/lobby", r -> r.isOpening()
                    ? new WsOverHttpResponse().accept().subscribe("lobby") : new WsOverHttpResponse());
            WsClients clients = new WsClients();
            List<WsClients.Client> room = clients.connectAll(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/room"), 1000);
            List<WsClients.Client> lobby = clients.connectAll(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/lobby"), 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> tack.subscriptions() == 1010);
            for (int i = 0; i < 10; i++) {
                assertEquals(200, tack.publish("{\"items\":[{\"channel\":\"room\",\"formats\":{\"ws-message\":"
                        + "{\"content\":\"m" + i + "\"}}}]}").statusCode());
            }
            List<String> expected = List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
            await().atMost(Duration.ofSeconds(60)).until(() -> room.stream().allMatch(c -> c.texts.size() == 10));
            room.forEach(c -> assertEquals(expected, c.texts));
            lobby.forEach(c -> assertEquals(List.of(), c.texts));
        }
    }
}
