package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tack.proxy.history.HistorySettings;
import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * History and GRIP's own reliability (docs/history.md "GRIP's reliability wins"): where the origin sets a
 * {@code prev-id} or a next link, it re-syncs the client itself, so Tack replays nothing there and no item reaches
 * the client twice. And the long-poll opt-in ({@code history_long_poll}): a request with a position is answered at
 * once from history, with the position to ask from next.
 */
class HistoryAndGripReliabilityTest {

    private OriginServer origin;
    private TackFixture tack;
    private StreamClients streams;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()),
                s -> s.history(HistorySettings.on("news").withLongPoll(true))
                        // No update a second after the first subscription: these origins answer no next link.
                        .reliability(new ReliableGrip.Settings(false, 60_000)));
        streams = new StreamClients();
        for (int n = 1; n <= 5; n++) {
            publish(n);
        }
    }

    @AfterEach
    void stop() {
        streams.close();
        tack.close();
        origin.close();
    }

    /** Publishes item {@code n}, which follows item {@code n - 1} ({@code prev-id}, as a reliable publisher sends). */
    private void publish(int n) throws Exception {
        String prevId = n > 1 ? ",\"prev-id\":\"" + (n - 1) + "\"" : "";
        assertEquals(200, tack.publish("{\"items\":[{\"channel\":\"news\",\"id\":\"" + n + "\"" + prevId
                + ",\"formats\":{"
                + "\"http-stream\":{\"content\":\"id: " + n + "\\ndata: " + n + "\\n\\n\"},"
                + "\"http-response\":{\"body\":\"" + n + "\\n\"}}}]}").statusCode());
    }

    @Test
    void streamWithNextLinkIsLeftToTheOrigin() throws Exception {
        // The origin replays 4 and 5 itself (in its initial body) and names where the stream continues.
        origin.on("/sse", r -> Reply.of(200, "id: 4\ndata: 4\n\nid: 5\ndata: 5\n\n", "Content-Type",
                "text/event-stream", "Grip-Hold", "stream", "Grip-Channel", "news; prev-id=5",
                "Grip-Link", "</sse/next?after=5>; rel=next; timeout=120"));
        StreamClients.Stream stream = streams.open(tack.clientPort(), "/sse", Map.of("Last-Event-ID", "3"));
        await().until(() -> tack.subscriptions() == 1 && stream.body().endsWith("data: 5\n\n"));
        publish(6);
        await().until(() -> stream.body().contains("data: 6\n"));
        assertEquals("id: 4\ndata: 4\n\nid: 5\ndata: 5\n\nid: 6\ndata: 6\n\n", stream.body());
        assertNull(stream.head().headers().get("Tack-Resume"));
        assertEquals(0.0, tack.metric("tack_history_replayed_items_total"));
    }

    @Test
    void replayedItemsGoThroughTheSubscriptionsFiltersAsLiveOnesDo() throws Exception {
        // skip-self: alice's own items (publish meta sender=alice) never reach her, replayed or live.
        for (String sender : List.of("alice", "bob")) {
            assertEquals(200, tack.publish("{\"items\":[{\"channel\":\"news\",\"id\":\"" + sender + "\","
                    + "\"meta\":{\"sender\":\"" + sender + "\"},\"formats\":{\"http-stream\":{\"content\":\"data: "
                    + sender + "\\n\\n\"}}}]}").statusCode());
        }
        origin.on("/alice", r -> Reply.of(200, "", "Content-Type", "text/event-stream", "Grip-Hold", "stream",
                "Grip-Channel", "news; filter=skip-self", "Grip-Set-Meta", "user=alice"));
        StreamClients.Stream stream = streams.open(tack.clientPort(), "/alice", Map.of("Last-Event-ID", "5"));
        await().until(() -> tack.subscriptions() == 1 && stream.body().contains("data: bob"));
        publish(6);
        await().until(() -> stream.body().contains("data: 6\n"));
        assertEquals("data: bob\n\nid: 6\ndata: 6\n\n", stream.body());
        assertEquals("recovered", stream.head().headers().get("Tack-Resume"));
        assertEquals(2.0, tack.metric("tack_history_replayed_items_total"), "both went to the hold; one was filtered");
    }

    @Test
    void longPollWithPrevIdIsLeftToTheOrigin() throws Exception {
        origin.on("/poll", r -> Reply.of(200, "nothing\n", "Grip-Hold", "response", "Grip-Channel", "news; prev-id=5",
                "Grip-Timeout", "30"));
        CompletableFuture<HttpResponse<String>> answer = tack.http().sendAsync(HttpRequest.newBuilder(
                tack.clientUri("/poll")).header("Last-Event-ID", "3").build(), HttpResponse.BodyHandlers.ofString());
        await().until(() -> tack.subscriptions() == 1);
        assertFalse(answer.isDone(), "history did not answer it with item 4");
        publish(6);
        assertEquals("6\n", answer.get().body());
        assertNull(answer.get().headers().firstValue("Tack-Resume").orElse(null));
    }

    @Test
    void longPollWithAPositionIsAnsweredFromHistoryWithTheNextPosition() throws Exception {
        origin.on("/poll", r -> Reply.of(200, "nothing\n", "Grip-Hold", "response", "Grip-Channel", "news",
                "Grip-Timeout", "30"));
        HttpResponse<String> fourth = poll("/poll?last_event_id=3");
        assertEquals("4\n", fourth.body());
        assertEquals("recovered", fourth.headers().firstValue("Tack-Resume").orElseThrow());
        String position = fourth.headers().firstValue("Tack-Position").orElseThrow();
        HttpResponse<String> fifth = poll("/poll?last_event_id=" + position);
        assertEquals("5\n", fifth.body());
        String next = fifth.headers().firstValue("Tack-Position").orElseThrow();
        CompletableFuture<HttpResponse<String>> sixth = tack.http().sendAsync(HttpRequest.newBuilder(
                tack.clientUri("/poll?last_event_id=" + next)).build(), HttpResponse.BodyHandlers.ofString());
        await().until(() -> tack.subscriptions() == 1);
        assertFalse(sixth.isDone(), "nothing after 5 yet: the request is held");
        publish(6);
        assertEquals("6\n", sixth.get().body());
    }

    private HttpResponse<String> poll(String path) throws Exception {
        return tack.http().send(HttpRequest.newBuilder(tack.clientUri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
