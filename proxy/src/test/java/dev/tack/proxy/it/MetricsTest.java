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
            // Pushpin's five, exactly as Pushpin writes them
            assertTrue(text.contains("# TYPE connection_connected gauge\nconnection_connected 3\n"), text);
            assertTrue(text.contains("# TYPE message_received counter\nmessage_received 1\n"), text);
            assertTrue(text.contains("# TYPE message_sent counter\nmessage_sent 3\n"), text);
            assertTrue(text.contains("# TYPE request_received counter\nrequest_received 3\n"), text);
            assertTrue(text.contains("# TYPE connection_minute counter\nconnection_minute 0\n"), text);
            // Tack's labelled families
            assertTrue(text.contains("tack_connections{transport=\"stream\"} 3.0"), text);
            assertTrue(text.contains("tack_publish_items_total{source=\"http\"} 1.0"), text);
            assertTrue(text.contains("tack_publish_formats_total{format=\"http-stream\"} 1.0"), text);
            assertTrue(text.contains("tack_subscriptions 3.0"), text);
            // a channel held on both event loops counts once per loop
            assertTrue(text.contains("tack_channels 1.0") || text.contains("tack_channels 2.0"), text);
        }
    }
}
