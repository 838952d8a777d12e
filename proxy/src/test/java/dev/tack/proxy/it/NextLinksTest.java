package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Received;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Next links end to end (docs/compatibility.md "Reliable GRIP"): a client at Tack, an in-process origin, publishes
 * over HTTP, every timer on driven time. Updates a second after a channel's first subscriber are switched off here
 * ({@code FirstSubscriptionTest} covers them), so each origin request a test sees is the one it caused.
 */
class NextLinksTest {

    private final DrivenTime time = new DrivenTime();
    private OriginServer origin;
    private TackFixture tack;
    private StreamClients clients;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        tack = TackFixture.start(List.of("*,debug 127.0.0.1:" + origin.port()),
                s -> s.reliability(new ReliableGrip.Settings(false, 60_000)), time);
        clients = new StreamClients();
    }

    @AfterEach
    void stop() {
        clients.close();
        // Tack takes every client's leaving before it stops, rather than while its event loops shut down.
        await().until(() -> tack.subscriptions() == 0);
        tack.close();
        origin.close();
    }

    private List<Received> requests(String path) {
        return origin.received().stream().filter(r -> r.uri().startsWith(path)).toList();
    }

    /** Publishes an {@code http-stream} {@code hint} on {@code channel}. */
    private void hint(String channel) throws Exception {
        tack.publish("{\"items\":[{\"channel\":\"" + channel
                + "\",\"formats\":{\"http-stream\":{\"action\":\"hint\"}}}]}");
    }

    private StreamClients.Stream open(String path) throws InterruptedException {
        return clients.open(tack.clientPort(), path, 1).get(0);
    }

    @Test
    void aResponseWithoutHoldFollowsAChainOfTwoLinksOneRelativeThenEnds() throws Exception {
        origin.on("/start", r -> Reply.of(200, "hello world\n", "Content-Type", "text/plain",
                "Grip-Link", "</next/one?x=1>; rel=next"));
        origin.on("/next/one", r -> Reply.of(200, "this is what's next\n", "Grip-Link",
                "<http://127.0.0.1:" + origin.port() + "/next/two>; rel=next"));
        origin.on("/next/two", r -> Reply.of(200, "and the end\n"));
        StreamClients.Stream stream = open("/start");
        await().until(stream::ended);
        assertEquals(200, stream.status());
        assertEquals("chunked", stream.head().headers().get("Transfer-Encoding"));
        assertEquals("text/plain", stream.head().headers().get("Content-Type"));
        assertEquals("hello world\nthis is what's next\nand the end\n", stream.body());
        assertEquals(List.of("/start", "/next/one?x=1", "/next/two"),
                origin.received().stream().map(Received::uri).toList());
        assertTrue(origin.received().stream().allMatch(r -> r.method().equals("GET")));
        assertEquals(0, tack.subscriptions());
    }

    @Test
    void aResponseWithoutHoldTooLargeToBufferGoesOutAsItComesThenItsLinkFollows() throws Exception {
        String large = "x".repeat(150_000) + "\n";
        origin.on("/big", r -> Reply.of(200, large, "Grip-Link", "</big/next>; rel=next"));
        origin.on("/big/next", r -> Reply.of(200, "the rest\n"));
        StreamClients.Stream stream = open("/big");
        await().until(stream::ended);
        assertEquals(large + "the rest\n", stream.body());
    }

    @Test
    void aStreamIdleForItsLinkTimeoutFetchesTheLinkWithGripLastAndTheAnswerTakesOver() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "open\n", "Grip-Hold", "stream", "Grip-Channel", "fruit; prev-id=3",
                "Grip-Link", "</stream/next>; rel=next; timeout=10"));
        origin.on("/stream/next", r -> Reply.of(200, "caught up\n", "Grip-Hold", "stream",
                "Grip-Channel", "fruit; prev-id=4", "Grip-Link", "</stream/next>; rel=next; timeout=10"));
        StreamClients.Stream stream = open("/stream");
        await().until(() -> tack.subscriptions() == 1 && stream.body().equals("open\n"));
        tack.advance(Duration.ofMillis(9_999));
        assertEquals(List.of(), requests("/stream/next"));
        // Due at 10 s; the update limiter gives the batch its turn 100 ms later.
        tack.advance(Duration.ofMillis(1));
        tack.advance(Duration.ofMillis(100));
        await().until(() -> stream.body().equals("open\ncaught up\n"));
        assertEquals("fruit; last-id=3", requests("/stream/next").get(0).header("Grip-Last"));

        // The answer's prev-id took over: an item following 4 is delivered, and the next timeout sends last-id=5.
        tack.publish("{\"items\":[{\"channel\":\"fruit\",\"id\":\"5\",\"prev-id\":\"4\","
                + "\"formats\":{\"http-stream\":{\"content\":\"five\\n\"}}}]}");
        await().until(() -> stream.body().endsWith("five\n"));
        tack.advance(Duration.ofSeconds(10));
        tack.advance(Duration.ofMillis(100));
        await().until(() -> requests("/stream/next").size() == 2);
        assertEquals("fruit; last-id=5", requests("/stream/next").get(1).header("Grip-Last"));
    }

    @Test
    void anItemWhosePrevIdDoesNotFollowIsDroppedAndTheLinkIsFetchedWithTheLastDeliveredId() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "fruit; prev-id=1",
                "Grip-Link", "</stream/next>; rel=next"));
        origin.on("/stream/next", r -> Reply.of(200, "two\nthree\n", "Grip-Hold", "stream",
                "Grip-Channel", "fruit; prev-id=3", "Grip-Link", "</stream/next>; rel=next"));
        StreamClients.Stream stream = open("/stream");
        await().until(() -> tack.subscriptions() == 1);
        tack.publish("{\"items\":[{\"channel\":\"fruit\",\"id\":\"3\",\"prev-id\":\"2\","
                + "\"formats\":{\"http-stream\":{\"content\":\"three\\n\"}}}]}");
        tack.advanceUntil(Duration.ofMillis(100), () -> !requests("/stream/next").isEmpty());
        await().until(() -> stream.body().equals("two\nthree\n"));
        assertEquals("fruit; last-id=1", requests("/stream/next").get(0).header("Grip-Last"));
        assertEquals(1, tack.metric("tack_drops_total{reason=\"last_id_mismatch\"}"));
    }

    @Test
    void aHintFetchesTheLinkAtOnceAndAStreamWithoutOneIsUnaffected() throws Exception {
        origin.on("/linked", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "news",
                "Grip-Link", "</linked/next>; rel=next"));
        origin.on("/linked/next", r -> Reply.of(200, "hinted\n", "Grip-Hold", "stream", "Grip-Channel", "news"));
        origin.on("/plain", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "news"));
        StreamClients.Stream linked = open("/linked");
        StreamClients.Stream plain = open("/plain");
        await().until(() -> tack.subscriptions() == 2);
        hint("news");
        await().until(() -> linked.body().equals("hinted\n"));
        assertEquals(1, requests("/linked/next").size());
        assertNull(requests("/linked/next").get(0).header("Grip-Last"));
        tack.publishStream("news", "after\n");
        await().until(() -> linked.body().equals("hinted\nafter\n") && plain.body().equals("after\n"));
        assertFalse(plain.closed() || linked.closed());
    }

    @Test
    void aFailedFetchIsRetriedWithBackoffThenTheStreamEndsWithPushpinsText() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "open\n", "Grip-Hold", "stream", "Grip-Channel", "down",
                "Grip-Link", "</stream/next>; rel=next"));
        origin.on("/stream/next", r -> Reply.of(503, "busy\n"));
        StreamClients.Stream stream = open("/stream");
        await().until(() -> tack.subscriptions() == 1);
        hint("down");
        await().until(() -> requests("/stream/next").size() == 1);
        // Retries after 1 s, 2 s, 4 s, 8 s, 16 s, each plus less than 1 s at random. Driven time moves on in steps
        // until the next retry arrives: never before its delay, and not much after it.
        long[] delays = {1000, 2000, 4000, 8000, 16000};
        for (int retry = 0; retry < delays.length; retry++) {
            int before = requests("/stream/next").size();
            java.util.concurrent.atomic.AtomicLong advanced = new java.util.concurrent.atomic.AtomicLong();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
                tack.advance(Duration.ofMillis(100));
                advanced.addAndGet(100);
                return requests("/stream/next").size() > before;
            });
            assertTrue(advanced.get() >= delays[retry], "retry " + (retry + 1) + " after " + advanced + " ms");
            assertTrue(advanced.get() <= delays[retry] + 1000 + 10_000, "retry " + (retry + 1) + " after " + advanced
                    + " ms");
        }
        await().until(stream::ended);
        assertEquals("open\n\n\nFailed to retrieve next link.\n", stream.body());
        assertEquals(6, requests("/stream/next").size());
        assertEquals(0, tack.subscriptions());
    }

    @Test
    void aLinkAnsweringWithAResponseHoldAppendsItsBodyAndEndsTheStream() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "open\n", "Grip-Hold", "stream", "Grip-Channel", "c",
                "Grip-Link", "</stream/next>; rel=next"));
        origin.on("/stream/next", r -> Reply.of(200, "held\n", "Grip-Hold", "response", "Grip-Channel", "c"));
        StreamClients.Stream stream = open("/stream");
        await().until(() -> tack.subscriptions() == 1);
        hint("c");
        await().until(stream::ended);
        assertEquals("open\nheld\n\n\nNext link returned non-stream hold.\n", stream.body());
    }

    @Test
    void aStreamWithAPrevIdButNoNextLinkSendsItsBodyThenEnds() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "open\n", "Grip-Hold", "stream", "Grip-Channel", "c; prev-id=1"));
        StreamClients.Stream stream = open("/stream");
        await().until(stream::ended);
        assertEquals("open\n\n\nchannel 'c' specifies prev-id, but no next link found\n", stream.body());
    }

    @Test
    void aHundredStreamsOnOneLinkMakeOneOriginRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "many; prev-id=7",
                "Grip-Link", "</stream/next?from=client>; rel=next"));
        origin.on("/stream/next", r -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.of(200, "shared\n", "Grip-Hold", "stream", "Grip-Channel", "many; prev-id=7",
                    "Grip-Link", "</stream/next>; rel=next");
        });
        List<StreamClients.Stream> streams = clients.open(tack.clientPort(), "/stream", 100);
        await().until(() -> tack.subscriptions() == 100);
        // recover: every hold re-syncs; the update limiter takes the hundred as one batch, and their identical
        // fetches (same link without its query, same Grip-Last) wait for the one in flight.
        assertEquals(200, tack.http().send(java.net.http.HttpRequest.newBuilder(tack.publishUri("/recover"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        // Time moves on (the holds join the limiter as recover reaches them) until the one request is in flight;
        // the origin keeps it waiting, so every later fetch finds it there.
        tack.advanceUntil(Duration.ofMillis(100), () -> requests("/stream/next").size() == 1);
        tack.advance(Duration.ofMillis(300));
        release.countDown();
        await().until(() -> streams.stream().allMatch(s -> s.body().equals("shared\n")));
        assertEquals(1, requests("/stream/next").size());
        assertEquals("many; last-id=7", requests("/stream/next").get(0).header("Grip-Last"));
    }

    @Test
    void aSameOriginLinkGoesThroughTheRouteAndAnyOtherStraightToItsHost() throws Exception {
        try (OriginServer other = new OriginServer()) {
            tack.close();
            // The route rewrites /api/... to /v2/... and signs; links the client's host names go the same way.
            tack = TackFixture.start(List.of("*,path_beg=/api/,replace_beg=/v2/ 127.0.0.1:" + origin.port()),
                    s -> s.reliability(new ReliableGrip.Settings(false, 60_000)), time);
            origin.on("/v2/start", r -> Reply.of(200, "a\n", "Grip-Link", "</api/next>; rel=next"));
            origin.on("/v2/next", r -> Reply.of(200, "b\n", "Grip-Link",
                    "<http://127.0.0.1:" + other.port() + "/api/elsewhere>; rel=next"));
            other.on("/api/elsewhere", r -> Reply.of(200, "c\n"));
            StreamClients.Stream stream = open("/api/start");
            await().until(stream::ended);
            assertEquals("a\nb\nc\n", stream.body());
            Received routed = requests("/v2/next").get(0);
            assertEquals("localhost", routed.header("Host"));
            assertTrue(routed.header("Grip-Sig") != null);
            Received direct = other.received().get(0);
            assertEquals("/api/elsewhere", direct.uri());
            assertEquals("127.0.0.1:" + other.port(), direct.header("Host"));
        }
    }

    @Test
    void theGoneLinkIsPostedOnceWhenTheClientLeaves() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "c",
                "Grip-Link", "</left?c=7>; rel=gone"));
        origin.on("/left", r -> Reply.of(204, ""));
        StreamClients.Stream stream = open("/stream");
        await().until(() -> tack.subscriptions() == 1);
        assertEquals(List.of(), requests("/left"));
        stream.close();
        await().until(() -> requests("/left").size() == 1);
        Received gone = requests("/left").get(0);
        assertEquals("POST", gone.method());
        assertEquals("/left?c=7", gone.uri());
        assertEquals(0, gone.body().length);
        tack.advance(Duration.ofSeconds(30));
        assertEquals(1, requests("/left").size());
    }
}
