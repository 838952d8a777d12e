package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint answers any path with Pushpin's metric names and Tack's extras. */
class MetricsTest {

    @Test
    void prometheusEndpointCountsConnectionsPublishesAndDeliveries() throws Exception {
        try (OriginServer origin = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()));
                StreamClients clients = new StreamClients()) {
            origin.on("/s", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "m"));
            List<StreamClients.Stream> streams = clients.open(tack.clientPort(), "/s", 3);
            await().until(() -> tack.subscriptions() == 3);
            tack.publishStream("m", "x");
            await().until(() -> streams.stream().allMatch(s -> s.body().equals("x")));
            URI metrics = URI.create("http://127.0.0.1:" + tack.server().prometheusAddress().getPort() + "/anything");
            HttpResponse<String> response = tack.http().send(HttpRequest.newBuilder(metrics).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            String text = response.body();
            assertTrue(text.contains("connection_connected 3.0"), text);
            assertTrue(text.contains("message_received_total 1.0"), text);
            assertTrue(text.contains("message_sent_total 3.0"), text);
            assertTrue(text.contains("hold_stream 3.0"), text);
            assertTrue(text.contains("request_received_total 3.0"), text);
        }
    }
}
