package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.ReliableOrigin;
import dev.tack.proxy.testing.TackFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real reliable-stream origin works through Tack unchanged: the origin of {@code reliable-origin} (Fastly's GRIP
 * library for Node, speaking django-eventstream's protocol) holds SSE clients with a prev-id and a next link, and
 * publishes with id and prev-id. When a publish is lost, the next one's prev-id does not follow; Tack fetches the
 * next link with {@code Grip-Last} and the client, a third-party SSE library, gets every event in order, once.
 * Driven time: the sequencer's wait for the missing item and the update pacing pass without waiting.
 */
class ReliableOriginThroughTackTest {

    private final DrivenTime time = new DrivenTime();
    private final List<MessageEvent> events = new CopyOnWriteArrayList<>();
    private TackFixture tack;
    private ReliableOrigin origin;
    private EventSource source;

    /**
     * @param firstSubscriptionUpdate whether the stream fetches its link a second after subscribing too (off where a
     *     test shows that the gap alone makes it fetch)
     */
    private void start(Map<String, String> env, boolean firstSubscriptionUpdate) throws Exception {
        int port = freePort();
        tack = TackFixture.start(List.of("* 127.0.0.1:" + port),
                s -> s.reliability(new ReliableGrip.Settings(firstSubscriptionUpdate, 60_000)), time);
        origin = ReliableOrigin.start("http://127.0.0.1:" + tack.publishPort()
                + "/?verify-key=" + TackFixture.SIG_KEY + "&verify-iss=pushpin",
                withPort(env, port));
        source = new EventSource.Builder(tack.clientUri("/events/fruit")).build();
        Thread reader = new Thread(() -> {
            for (MessageEvent event : source.messages()) {
                events.add(event);
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().until(() -> tack.subscriptions() == 1 && events.size() == 1);
        assertEquals("stream-open", events.get(0).getEventName());
    }

    private static Map<String, String> withPort(Map<String, String> env, int port) {
        java.util.HashMap<String, String> out = new java.util.HashMap<>(env);
        out.put("PORT", String.valueOf(port));
        return out;
    }

    @AfterEach
    void stop() throws Exception {
        if (source != null) {
            source.close();
        }
        if (origin != null) {
            origin.close();
        }
        if (tack != null) {
            tack.close();
        }
    }

    private void post(String data, boolean lost) throws IOException, InterruptedException {
        HttpResponse<String> r = tack.http().send(HttpRequest.newBuilder(origin.uri("/publish/fruit"
                + (lost ? "?skip=1" : ""))).POST(HttpRequest.BodyPublishers.ofString(data)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body() + origin.output());
    }

    /** The message events after {@code stream-open}, as "id:data". */
    private List<String> received() {
        return events.stream().skip(1).map(e -> e.getLastEventId() + ":" + e.getData()).toList();
    }

    @Test
    void aClientReceivesEveryEventInOrderAfterALostPublish() throws Exception {
        start(Map.of(), false);
        post("one", false);
        await().until(() -> received().equals(List.of("1:one")));
        post("two", true);
        post("three", false);
        // "three" follows "two", which never came: the sequencer holds it for message_wait (5 s), then the hold sees
        // the gap and fetches /events/fruit?link=next&recover=true with "Grip-Last: events-fruit; last-id=1".
        tack.advanceUntil(Duration.ofMillis(500), () -> received().size() >= 3);
        assertEquals(List.of("1:one", "2:two", "3:three"), received());
        post("four", false);
        // Re-syncs may still be paced: time moves on until it arrives.
        tack.advanceUntil(Duration.ofMillis(100), () -> received().size() >= 4);
        assertEquals(List.of("1:one", "2:two", "3:three", "4:four"), received());
    }

    @Test
    void aLongGapIsFetchedPageByPageWithoutHoldsInBetween() throws Exception {
        start(Map.of("PAGE_SIZE", "2"), false);
        post("a", false);
        await().until(() -> received().equals(List.of("1:a")));
        for (String lost : List.of("b", "c", "d", "e")) {
            post(lost, true);
        }
        post("f", false);
        tack.advanceUntil(Duration.ofMillis(500), () -> received().size() >= 6);
        assertEquals(List.of("1:a", "2:b", "3:c", "4:d", "5:e", "6:f"), received());
        post("g", false);
        tack.advanceUntil(Duration.ofMillis(100), () -> received().size() >= 7);
        assertEquals("7:g", received().get(6));
    }

    @Test
    void theLinkTimeoutCatchesUpAQuietStream() throws Exception {
        start(Map.of("NEXT_LINK_TIMEOUT", "30"), true);
        post("one", false);
        await().until(() -> received().equals(List.of("1:one")));
        // Lost, and nothing published after it: only the link's timeout finds it.
        post("two", true);
        tack.advanceUntil(Duration.ofSeconds(1), () -> received().size() >= 2);
        assertEquals(List.of("1:one", "2:two"), received());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
