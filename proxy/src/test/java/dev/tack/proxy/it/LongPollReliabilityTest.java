package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Received;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.TackFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A long-poll asked again (Pushpin's retry, docs/compatibility.md "Reliable GRIP"): the held request goes to the
 * origin once more, as it was, with {@code Grip-Last}, on a {@code hint}, on a prev-id that does not match, and on
 * {@code recover}. The origin's first answer holds; every later answer is a plain response carrying a counter, so a
 * test sees which answer the client got. Driven time; first-subscription updates off ({@code FirstSubscriptionTest}).
 */
class LongPollReliabilityTest {

    private final DrivenTime time = new DrivenTime();
    private final AtomicInteger asked = new AtomicInteger();
    private OriginServer origin;
    private TackFixture tack;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()),
                s -> s.reliability(new ReliableGrip.Settings(false, 60_000)), time);
    }

    @AfterEach
    void stop() {
        tack.close();
        origin.close();
    }

    /** The first request holds on {@code news} with {@code prevId}; every later one answers {@code asked again}. */
    private void serve(String prevId) {
        origin.on("/poll", r -> asked.getAndIncrement() == 0
                ? Reply.of(200, "timeout\n", "Grip-Hold", "response",
                        "Grip-Channel", "news" + (prevId == null ? "" : "; prev-id=" + prevId))
                : Reply.of(200, "asked again\n", "Content-Type", "text/plain"));
    }

    private CompletableFuture<HttpResponse<String>> poll(String body) {
        return tack.http().sendAsync(HttpRequest.newBuilder(tack.clientUri("/poll?x=1")).header("X-Client", "7")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Received> polls() {
        return origin.received().stream().filter(r -> r.uri().startsWith("/poll")).toList();
    }

    @Test
    void aHintSendsTheHeldRequestAgainWithGripLastAndTheClientGetsTheNewAnswer() throws Exception {
        serve("41");
        CompletableFuture<HttpResponse<String>> poll = poll("{\"since\":41}");
        await().until(() -> tack.subscriptions() == 1);
        tack.publish("{\"items\":[{\"channel\":\"news\",\"id\":\"42\",\"prev-id\":\"41\","
                + "\"formats\":{\"http-response\":{\"action\":\"hint\"}}}]}");
        HttpResponse<String> answer = poll.get();
        assertEquals("asked again\n", answer.body());
        assertEquals(2, polls().size());
        Received first = polls().get(0);
        Received again = polls().get(1);
        assertEquals("POST", again.method());
        assertEquals("/poll?x=1", again.uri());
        assertEquals("{\"since\":41}", again.bodyText());
        assertEquals("7", again.header("X-Client"));
        assertEquals(first.header("Content-Type"), again.header("Content-Type"));
        assertNull(first.header("Grip-Last"));
        // The hint followed prev-id 41, so the hold's channel moved on to 42 before asking.
        assertEquals("news; last-id=42", again.header("Grip-Last"));
        await().until(() -> tack.subscriptions() == 0);
    }

    @Test
    void anItemThatDoesNotFollowThePrevIdMakesTheLongPollAskAgainPaced() throws Exception {
        serve("41");
        CompletableFuture<HttpResponse<String>> poll = poll("");
        await().until(() -> tack.subscriptions() == 1);
        tack.publish("{\"items\":[{\"channel\":\"news\",\"id\":\"44\",\"prev-id\":\"43\",\"no-seq\":true,"
                + "\"formats\":{\"http-response\":{\"body\":\"skipped ahead\\n\"}}}]}");
        assertFalse(poll.isDone());
        tack.advanceUntil(Duration.ofMillis(100), poll::isDone);
        assertEquals("asked again\n", poll.get().body());
        assertEquals("news; last-id=41", polls().get(1).header("Grip-Last"));
    }

    @Test
    void aPrevIdThatDiffersFromTheKnownLastIdIsAskedAgainAtOnce() throws Exception {
        // A stream keeps the channel subscribed, so the node knows its last id (7).
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "news"));
        try (var streams = new dev.tack.proxy.testing.StreamClients()) {
            streams.open(tack.clientPort(), "/stream", 1);
            await().until(() -> tack.subscriptions() == 1);
            tack.publish("{\"items\":[{\"channel\":\"news\",\"id\":\"7\","
                    + "\"formats\":{\"http-stream\":{\"content\":\"seven\\n\"}}}]}");
            serve("5");
            HttpResponse<String> answer = poll("").get();
            assertEquals("asked again\n", answer.body());
            assertEquals("news; last-id=5", polls().get(1).header("Grip-Last"));
        }
    }

    @Test
    void recoverAsksEveryLongPollAgain() throws Exception {
        serve(null);
        CompletableFuture<HttpResponse<String>> poll = poll("");
        await().until(() -> tack.subscriptions() == 1);
        HttpResponse<String> recover = tack.http().send(HttpRequest.newBuilder(tack.publishUri("/recover"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, recover.statusCode());
        assertEquals("Updated\n", recover.body());
        tack.advanceUntil(Duration.ofMillis(100), poll::isDone);
        assertEquals("asked again\n", poll.get().body());
        assertNull(polls().get(1).header("Grip-Last"));
        assertEquals(1, tack.metric("tack_command_recover_total"));
        assertEquals(0, tack.metric("tack_command_unsupported_total"));
    }
}
