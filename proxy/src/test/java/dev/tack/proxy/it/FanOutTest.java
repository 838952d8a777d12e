package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One channel, a thousand stream subscribers, a hundred publishes: everyone gets everything in order. */
class FanOutTest {

    @Test
    void thousandSubscribersReceiveHundredMessagesInOrderAndOthersNone() throws Exception {
        try (OriginServer origin = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()));
                StreamClients clients = new StreamClients()) {
            origin.on("/news", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "news"));
            origin.on("/sport", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "sport"));
            List<StreamClients.Stream> news = clients.open(tack.clientPort(), "/news", 1000);
            List<StreamClients.Stream> sport = clients.open(tack.clientPort(), "/sport", 10);
            await().atMost(Duration.ofSeconds(60)).until(() -> tack.subscriptions() == 1010);

            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                String line = "message " + i + "\n";
                expected.append(line);
                tack.publishStream("news", line);
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> news.stream().allMatch(s -> s.body().length() >= expected.length()));
            for (StreamClients.Stream stream : news) {
                assertEquals(expected.toString(), stream.body());
            }
            for (StreamClients.Stream stream : sport) {
                assertEquals("", stream.body());
            }
        }
    }
}
