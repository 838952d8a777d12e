package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    enum Transport { WEBSOCKET, SSE, HTTP_STREAM, LONG_POLL }

    /** What one subscriber has received, as text messages. */
    private interface Subscriber {
        List<String> messages();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everySubscriberGetsEveryMessageInOrderAndOthersNone(Transport transport) throws Exception {
        try (OriginServer origin = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"));
                StreamClients streams = new StreamClients()) {
            origin.on("/sse/hot", r -> Reply.of(200, "", "Content-Type", "text/event-stream", "Grip-Hold", "stream", "Grip-Channel", "hot"));
            origin.on("/sse/cold", r -> Reply.of(200, "", "Content-Type", "text/event-stream", "Grip-Hold", "stream", "Grip-Channel", "cold"));
            origin.on("/stream/hot", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "hot"));
            origin.on("/stream/cold", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "cold"));
            origin.on("/poll/hot", r -> Reply.of(200, "timeout\n", "Grip-Hold", "response", "Grip-Channel", "hot"));
            origin.on("/poll/cold", r -> Reply.of(200, "timeout\n", "Grip-Hold", "response", "Grip-Channel", "cold"));
            new WohOrigin(origin, "/ws/hot", r -> r.isOpening() ? new WsOverHttpResponse().accept().subscribe("hot") : new WsOverHttpResponse());
            new WohOrigin(origin, "/ws/cold", r -> r.isOpening() ? new WsOverHttpResponse().accept().subscribe("cold") : new WsOverHttpResponse());

            List<Subscriber> hot = open(transport, tack, streams, "hot", SUBSCRIBERS);
            List<Subscriber> cold = open(transport, tack, streams, "cold", 5);
            int expectedSubscriptions = SUBSCRIBERS + 5;
            await().atMost(Duration.ofSeconds(30)).until(() -> tack.subscriptions() == expectedSubscriptions);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String message = "message " + i;
                expected.add(message);
                var response = tack.publish("{\"items\":[{\"channel\":\"hot\",\"formats\":{"
                        + "\"ws-message\":{\"content\":\"" + message + "\"},"
                        + "\"http-stream\":{\"content\":\"data: " + message + "\\n\\n\"},"
                        + "\"http-response\":{\"body\":\"" + message + "\"}}}]}");
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

    private static List<Subscriber> open(Transport transport, TackFixture tack, StreamClients streams, String channel,
            int count) throws Exception {
        List<Subscriber> subscribers = new ArrayList<>();
        switch (transport) {
            case WEBSOCKET -> {
                WsClients clients = new WsClients();
                for (int i = 0; i < count; i++) {
                    WsClients.Client client = clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/ws/" + channel));
                    subscribers.add(() -> client.texts);
                }
            }
            case SSE, HTTP_STREAM -> {
                String prefix = transport == Transport.SSE ? "/sse/" : "/stream/";
                for (StreamClients.Stream stream : streams.open(tack.clientPort(), prefix + channel, count)) {
                    subscribers.add(() -> sseData(stream.body()));
                }
            }
            case LONG_POLL -> {
                for (int i = 0; i < count; i++) {
                    subscribers.add(new LongPoller(tack, channel));
                }
            }
        }
        return subscribers;
    }

    /** The {@code data:} lines of an SSE body. */
    private static List<String> sseData(String body) {
        List<String> data = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                data.add(line.substring(6));
            }
        }
        return data;
    }

    /** A long-poll client that polls again as soon as a response arrives. */
    private static final class LongPoller implements Subscriber {
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private final TackFixture tack;
        private final String channel;

        LongPoller(TackFixture tack, String channel) {
            this.tack = tack;
            this.channel = channel;
            poll();
        }

        private void poll() {
            tack.http().sendAsync(HttpRequest.newBuilder(tack.clientUri("/poll/" + channel)).build(),
                    HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                        if (!response.body().equals("timeout\n")) {
                            messages.add(response.body());
                        }
                        poll();
                    });
        }

        @Override
        public List<String> messages() {
            return messages;
        }
    }

}
