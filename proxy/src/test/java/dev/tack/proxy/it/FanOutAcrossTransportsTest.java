package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.Subscribers;
import dev.tack.proxy.testing.Subscribers.Subscriber;
import dev.tack.proxy.testing.Subscribers.Transport;
import dev.tack.proxy.testing.TackFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One fan-out scenario over every client transport: subscribers on one channel each receive every publish
 * in order, subscribers on another channel receive none. Each item carries all three formats, so the same
 * publishes serve every transport.
 */
class FanOutAcrossTransportsTest {

    private static final int SUBSCRIBERS = 50;
    private static final int MESSAGES = 10;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everySubscriberGetsEveryMessageInOrderAndOthersNone(Transport transport) throws Exception {
        try (OriginServer origin = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"));
                StreamClients streams = new StreamClients()) {
            Subscribers.serve(origin, "hot");
            Subscribers.serve(origin, "cold");

            List<Subscriber> hot = Subscribers.open(transport, tack.clientPort(), streams, "hot", SUBSCRIBERS);
            List<Subscriber> cold = Subscribers.open(transport, tack.clientPort(), streams, "cold", 5);
            int expectedSubscriptions = SUBSCRIBERS + 5;
            await().atMost(Duration.ofSeconds(30)).until(() -> tack.subscriptions() == expectedSubscriptions);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String message = "message " + i;
                expected.add(message);
                var response = tack.publish(Subscribers.publishBody("hot", message));
                assertEquals(200, response.statusCode());
                int round = i + 1;
                await().atMost(Duration.ofSeconds(30)).until(() -> hot.stream().allMatch(s -> s.messages().size() >= round));
                if (transport == Transport.LONG_POLL) {
                    // Long-pollers come back for the next message; wait until all of them hold again.
                    await().atMost(Duration.ofSeconds(30)).until(() -> tack.subscriptions() == expectedSubscriptions);
                }
            }
            for (Subscriber subscriber : hot) {
                assertEquals(expected, subscriber.messages());
            }
            for (Subscriber subscriber : cold) {
                assertEquals(List.of(), subscriber.messages());
            }
        }
    }
}
