package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.testing.BusServer;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several Tack nodes on one real Redis or NATS (child processes on loopback): a publish on one node reaches the
 * subscribers held by another, once and in order, over every transport, and a node without listeners on a
 * channel receives nothing of it.
 */
class ScaleOutTest {

    private static final int SUBSCRIBERS = 10;
    private static final int MESSAGES = 10;

    /** The engines under test. */
    enum Bus {
        REDIS(BusServer.Kind.REDIS, false), REDIS_SHARDED(BusServer.Kind.REDIS, true), NATS(BusServer.Kind.NATS, false);

        final BusServer.Kind kind;
        final boolean sharded;

        Bus(BusServer.Kind kind, boolean sharded) {
            this.kind = kind;
            this.sharded = sharded;
        }

        /** The bus name of a channel under the default prefix. */
        String busName(String channel) {
            return "tack.ch." + channel;
        }
    }

    static List<Arguments> busesAndTransports() {
        List<Arguments> cases = new ArrayList<>();
        for (Bus bus : Bus.values()) {
            for (Transport transport : List.of(Transport.SSE, Transport.LONG_POLL, Transport.WEBSOCKET)) {
                cases.add(Arguments.of(bus, transport));
            }
        }
        return cases;
    }

    static TackFixture node(OriginServer origin, BusServer server, Bus bus, String name) throws Exception {
        EngineSettings engine = EngineSettings.local().withEngine(server.url()).withNodeName(name)
                .withRedisSharded(bus.sharded);
        return TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"), s -> s.engine(engine));
    }

    @ParameterizedTest
    @MethodSource("busesAndTransports")
    void publishOnOneNodeReachesSubscribersOnAnotherOnceAndInOrder(Bus bus, Transport transport) throws Exception {
        try (BusServer server = BusServer.start(bus.kind);
                OriginServer origin = new OriginServer();
                TackFixture a = node(origin, server, bus, "node-a");
                TackFixture b = node(origin, server, bus, "node-b");
                StreamClients streams = new StreamClients()) {
            Subscribers.serve(origin, "hot");
            List<Subscriber> subscribers = Subscribers.open(transport, a.clientPort(), streams, "hot", SUBSCRIBERS);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.subscriptions() == SUBSCRIBERS
                    && server.subscribers(bus.busName("hot"), bus.sharded) == 1);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String message = "message " + i;
                expected.add(message);
                assertEquals(200, b.publish(Subscribers.publishBody("hot", message)).statusCode());
                if (transport == Transport.LONG_POLL) {
                    // A long-poll takes one message per request: wait for every poller to come back.
                    int round = i + 1;
                    await().atMost(Duration.ofSeconds(30)).until(() -> subscribers.stream()
                            .allMatch(s -> s.messages().size() >= round) && a.subscriptions() == SUBSCRIBERS);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> subscribers.stream()
                    .allMatch(s -> s.messages().size() >= MESSAGES));
            for (Subscriber subscriber : subscribers) {
                assertEquals(expected, subscriber.messages());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Bus.class)
    void aNodeWithoutListenersOnAChannelReceivesNothingOfIt(Bus bus) throws Exception {
        try (BusServer server = BusServer.start(bus.kind);
                OriginServer origin = new OriginServer();
                TackFixture a = node(origin, server, bus, "node-a");
                TackFixture b = node(origin, server, bus, "node-b");
                TackFixture c = node(origin, server, bus, "node-c");
                StreamClients streams = new StreamClients()) {
            Subscribers.serve(origin, "hot");
            List<Subscriber> subscribers = Subscribers.open(Transport.SSE, a.clientPort(), streams, "hot", 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.subscriptions() == 3
                    && server.subscribers(bus.busName("hot"), bus.sharded) == 1);

            for (int i = 0; i < MESSAGES; i++) {
                assertEquals(200, b.publish(Subscribers.publishBody("hot", "m" + i)).statusCode());
                assertEquals(200, b.publish(Subscribers.publishBody("cold", "m" + i)).statusCode());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> subscribers.stream()
                    .allMatch(s -> s.messages().size() == MESSAGES));
            // Every publish is one bus message: node a got the ten on its channel, b and c (no listeners on
            // either channel) and everyone for "cold" got nothing.
            assertEquals(MESSAGES, a.metric("tack_engine_received_total"));
            assertEquals(0, b.metric("tack_engine_received_total"));
            assertEquals(0, c.metric("tack_engine_received_total"));
            assertEquals(2 * MESSAGES, b.metric("tack_engine_published_total"));
            assertEquals(1, server.subscribers(bus.busName("hot"), bus.sharded));
            assertEquals(0, server.subscribers(bus.busName("cold"), bus.sharded));
            assertTrue(a.server().engine().up());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Bus.class, names = {"REDIS", "NATS"})
    void recoverSentToOneNodeRunsOnEveryNode(Bus bus) throws Exception {
        try (BusServer server = BusServer.start(bus.kind);
                OriginServer origin = new OriginServer();
                TackFixture a = node(origin, server, bus, "node-a");
                TackFixture b = node(origin, server, bus, "node-b");
                StreamClients streams = new StreamClients()) {
            Subscribers.serve(origin, "hot");
            Subscribers.open(Transport.SSE, a.clientPort(), streams, "hot", 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.subscriptions() == 3);
            assertEquals(200, b.http().send(java.net.http.HttpRequest.newBuilder(b.publishUri("/recover"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> a.metric("tack_command_recover_total") == 1
                    && b.metric("tack_command_recover_total") == 1 && a.metric("tack_command_subscribers_total") == 3);
            assertEquals(0, b.metric("tack_command_subscribers_total"));
        }
    }

    @org.junit.jupiter.api.Test
    void channelsSpreadOverSeveralRedisServersAndAPasswordComesFromTheUrl() throws Exception {
        try (BusServer first = BusServer.start(BusServer.Kind.REDIS, "--requirepass", "s3cret");
                BusServer second = BusServer.start(BusServer.Kind.REDIS, "--requirepass", "s3cret");
                OriginServer origin = new OriginServer()) {
            String engineUrls = first.url().replace("redis://", "redis://:s3cret@") + ","
                    + second.url().replace("redis://", "redis://:s3cret@");
            EngineSettings engine = EngineSettings.local().withEngine(engineUrls);
            try (TackFixture a = TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"),
                            s -> s.engine(engine.withNodeName("node-a")));
                    TackFixture b = TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"),
                            s -> s.engine(engine.withNodeName("node-b")));
                    StreamClients streams = new StreamClients()) {
                List<List<Subscriber>> perChannel = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Subscribers.serve(origin, "c" + i);
                    perChannel.add(Subscribers.open(Transport.SSE, a.clientPort(), streams, "c" + i, 1));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> a.subscriptions() == 8
                        && a.server().engine().subscribedChannels() == 8);
                long onFirst = 0;
                long onSecond = 0;
                for (int i = 0; i < 8; i++) {
                    long first1 = first.subscribers("tack.ch.c" + i, false);
                    long second1 = second.subscribers("tack.ch.c" + i, false);
                    assertEquals(1, first1 + second1, "channel c" + i + " lives on exactly one server");
                    onFirst += first1;
                    onSecond += second1;
                }
                assertTrue(onFirst > 0 && onSecond > 0, "both servers hold channels: " + onFirst + "/" + onSecond);
                for (int i = 0; i < 8; i++) {
                    assertEquals(200, b.publish(Subscribers.publishBody("c" + i, "to c" + i)).statusCode());
                }
                for (int i = 0; i < 8; i++) {
                    List<String> want = List.of("to c" + i);
                    Subscriber subscriber = perChannel.get(i).get(0);
                    await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.messages().equals(want));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Bus.class, names = {"REDIS", "NATS"})
    void sequencingAcrossNodesBehavesAsOnOneNode(Bus bus) throws Exception {
        try (BusServer server = BusServer.start(bus.kind);
                OriginServer origin = new OriginServer();
                TackFixture a = sequencedNode(origin, server, "node-a");
                TackFixture b = sequencedNode(origin, server, "node-b");
                TackFixture c = sequencedNode(origin, server, "node-c");
                StreamClients streams = new StreamClients()) {
            Subscribers.serve(origin, "seq");
            List<Subscriber> subscribers = Subscribers.open(Transport.SSE, a.clientPort(), streams, "seq", 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.subscriptions() == 2
                    && server.subscribers(bus.busName("seq"), false) == 1);
            // "one" through b; "three" (after "two") through b, before "two" exists; then "two" through c;
            // then a repeat of "one" through c. Node a orders them as one node would, and drops the repeat.
            assertEquals(200, b.publish(sequenced("1", null, "one")).statusCode());
            assertEquals(200, b.publish(sequenced("3", "2", "three")).statusCode());
            assertEquals(200, c.publish(sequenced("2", "1", "two")).statusCode());
            assertEquals(200, c.publish(sequenced("1", null, "one")).statusCode());
            assertEquals(200, c.publish(sequenced("4", "3", "four")).statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> subscribers.stream()
                    .allMatch(s -> s.messages().size() >= 4));
            for (Subscriber subscriber : subscribers) {
                assertEquals(List.of("one", "two", "three", "four"), subscriber.messages());
            }
        }
    }

    private static String sequenced(String id, String prevId, String message) {
        return "{\"items\":[{\"channel\":\"seq\",\"id\":\"" + id + "\""
                + (prevId == null ? "" : ",\"prev-id\":\"" + prevId + "\"")
                + ",\"formats\":{\"http-stream\":{\"content\":\"data: " + message + "\\n\\n\"}}}]}";
    }

    private static TackFixture sequencedNode(OriginServer origin, BusServer server, String name) throws Exception {
        EngineSettings engine = EngineSettings.local().withEngine(server.url()).withNodeName(name);
        return TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"), s -> s.engine(engine)
                .sequencing(new dev.tack.proxy.server.ServerSettings.Sequencing(5000, 60)));
    }
}
