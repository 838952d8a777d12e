package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.testing.BusServer;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.Subscribers;
import dev.tack.proxy.testing.Subscribers.Subscriber;
import dev.tack.proxy.testing.Subscribers.Transport;
import dev.tack.proxy.testing.TackFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What nodes do when their engine goes away: held clients stay, publishes are refused with 503 (or delivered on
 * the node only, by configuration), and when the engine is back every channel is subscribed again and Pushpin's
 * {@code recover} runs on those channels.
 */
class EngineFaultsTest {

    private static final int HELD = 1000;

    static TackFixture node(OriginServer origin, BusServer server, String name, EngineSettings.DownPolicy policy)
            throws Exception {
        EngineSettings engine = EngineSettings.local().withEngine(server.url()).withNodeName(name)
                .withDownPolicy(policy);
        return TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"), s -> s.engine(engine));
    }

    @ParameterizedTest
    @EnumSource(BusServer.Kind.class)
    void heldClientsSurviveAnEngineRestartAndRecoverRunsOnTheirChannel(BusServer.Kind kind) throws Exception {
        try (BusServer server = BusServer.start(kind);
                OriginServer origin = new OriginServer();
                TackFixture a = node(origin, server, "node-a", EngineSettings.DownPolicy.REJECT);
                TackFixture b = node(origin, server, "node-b", EngineSettings.DownPolicy.REJECT);
                StreamClients streams = new StreamClients()) {
            // Streams with a next link, which is what recover re-syncs through.
            origin.on("/sse/hot", r -> OriginServer.Reply.of(200, "", "Content-Type", "text/event-stream",
                    "Grip-Hold", "stream", "Grip-Channel", "hot", "Grip-Link", "</sse/hot/next>; rel=next"));
            origin.on("/sse/hot/next", r -> OriginServer.Reply.of(200, "", "Grip-Hold", "stream",
                    "Grip-Channel", "hot", "Grip-Link", "</sse/hot/next>; rel=next"));
            List<StreamClients.Stream> held = streams.open(a.clientPort(), "/sse/hot", HELD);
            await().atMost(Duration.ofSeconds(60)).until(() -> a.subscriptions() == HELD
                    && server.subscribers("tack.ch.hot", false) == 1);
            assertEquals(200, b.publish(Subscribers.publishBody("hot", "before")).statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> everyoneGot(held, List.of("before")));

            server.kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> !a.server().engine().up() && !b.server().engine().up());
            HttpResponse<String> refused = b.publish(Subscribers.publishBody("hot", "lost"));
            assertEquals(503, refused.statusCode());
            assertTrue(refused.body().contains("is down; nothing was published"), refused.body());
            assertEquals(1, a.metric("tack_engine_down_total"));

            server.restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.server().engine().up() && b.server().engine().up());
            // Node a subscribed its channel again and ran recover on it: every held stream re-synced through its
            // next link, paced (100 holds a turn, 10 turns a second) and merged (identical fetches share one request).
            long fetchesBefore = nextLinkFetches(origin);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.metric("tack_command_recover_total") == 1
                    && a.metric("tack_command_subscribers_total") == HELD);
            assertEquals(0, a.metric("tack_command_unsupported_total"));
            await().atMost(Duration.ofSeconds(30)).until(() -> nextLinkFetches(origin) > fetchesBefore);
            assertTrue(nextLinkFetches(origin) - fetchesBefore <= HELD / 100 * 2,
                    "fetches merged: " + (nextLinkFetches(origin) - fetchesBefore));
            assertEquals(1, a.metric("tack_engine_resubscribed_total"));
            assertEquals(0, b.metric("tack_command_subscribers_total"));

            assertEquals(200, b.publish(Subscribers.publishBody("hot", "after")).statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> everyoneGot(held, List.of("before", "after")));
            assertTrue(held.stream().noneMatch(StreamClients.Stream::closed));
            assertEquals(HELD, a.subscriptions());
        }
    }

    private static long nextLinkFetches(OriginServer origin) {
        return origin.received().stream().filter(r -> r.uri().equals("/sse/hot/next")).count();
    }

    private static boolean everyoneGot(List<StreamClients.Stream> streams, List<String> messages) {
        return streams.stream().allMatch(s -> Subscribers.sseData(s.body()).equals(messages));
    }

    @ParameterizedTest
    @EnumSource(BusServer.Kind.class)
    void anEngineDownAtStartAnswersPublishesWith503UntilItIsUp(BusServer.Kind kind) throws Exception {
        try (BusServer server = BusServer.stopped(kind);
                OriginServer origin = new OriginServer();
                TackFixture a = node(origin, server, "node-a", EngineSettings.DownPolicy.REJECT)) {
            assertFalse(a.server().engine().up());
            HttpResponse<String> refused = a.publish(Subscribers.publishBody("hot", "m"));
            assertEquals(503, refused.statusCode());
            assertEquals("Service Unavailable: the " + kind.name().toLowerCase() + " engine (" + server.url()
                    + ") is down; nothing was published. Retry later.\n", refused.body());
            assertEquals(503, a.http().send(java.net.http.HttpRequest.newBuilder(a.publishUri("/recover"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            server.restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.server().engine().up());
            assertEquals(200, a.publish(Subscribers.publishBody("hot", "m")).statusCode());
        }
    }

    @ParameterizedTest
    @EnumSource(BusServer.Kind.class)
    void withTheLocalPolicyAnEngineDownDeliversOnThisNodeOnly(BusServer.Kind kind) throws Exception {
        try (BusServer server = BusServer.stopped(kind);
                OriginServer origin = new OriginServer();
                TackFixture a = node(origin, server, "node-a", EngineSettings.DownPolicy.LOCAL);
                StreamClients streams = new StreamClients()) {
            Subscribers.serve(origin, "hot");
            List<Subscriber> subscribers = Subscribers.open(Transport.SSE, a.clientPort(), streams, "hot", 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.subscriptions() == 2);
            assertEquals(200, a.publish(Subscribers.publishBody("hot", "here")).statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> subscribers.stream()
                    .allMatch(s -> s.messages().equals(List.of("here"))));
            assertEquals(1, a.metric("tack_engine_publish_local_only_total"));
        }
    }
}
