package dev.tack.proxy.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import dev.tack.proxy.testing.EventSources;
import dev.tack.proxy.testing.SocketRelay;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SSE counter (seed B) through Tack with a third-party SSE client (LaunchDarkly's okhttp-eventsource): the
 * origin holds the stream on {@code counter-<id>} and publishes each increment through the Fastly-style path
 * ({@code /service/local/publish/}, {@code Fastly-Key}). With the demo's history ({@code config/tack.conf}), a client
 * whose connection drops gets every increment it missed when it comes back, though the counter publishes no ids.
 */
class CounterThroughTackTest {
    private DemoStack stack;

    @BeforeEach
    void start() throws Exception {
        stack = DemoStack.start();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    /** Reads an event source on a daemon thread into a list. */
    private static List<MessageEvent> collect(EventSource source) {
        List<MessageEvent> events = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> source.messages().forEach(events::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private HttpResponse<String> increment(String id) throws Exception {
        return stack.tack.http().send(HttpRequest.newBuilder(stack.http("/counter/" + id))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sseClientGetsTheCurrentValueThenEveryIncrement() throws Exception {
        try (EventSource source = new EventSource.Builder(stack.http("/counter/1")).build()) {
            List<MessageEvent> events = collect(source);
            await().until(() -> events.size() == 1);
            assertEquals("{\"value\":0}", events.get(0).getData());
            await().until(() -> stack.tack.subscriptions() == 1);

            assertEquals("{\"value\":1}", increment("1").body());
            assertEquals("{\"value\":2}", increment("1").body());
            await().until(() -> events.size() == 3);
            assertEquals("{\"value\":1}", events.get(1).getData());
            assertEquals("{\"value\":2}", events.get(2).getData());
        }
    }

    @Test
    void aClientWhoseConnectionDropsGetsEveryIncrementItMissedWhenItComesBack() throws Exception {
        try (SocketRelay relay = new SocketRelay(stack.tack.clientPort());
                EventSource source = EventSources.reconnecting(URI.create("http://127.0.0.1:" + relay.port()
                        + "/counter/r"))) {
            List<MessageEvent> events = collect(source);
            await().until(() -> events.size() == 1 && stack.tack.subscriptions() == 1);
            assertTrue(events.get(0).getLastEventId().startsWith("counter-r:t1."), "Tack's id came with the body");
            for (int n = 1; n <= 3; n++) {
                increment("r");
            }
            await().until(() -> events.size() == 4);
            relay.cut();
            await().until(() -> stack.tack.subscriptions() == 0);
            for (int n = 4; n <= 7; n++) {
                increment("r");
            }
            relay.restore();
            await().until(() -> events.size() == 9);
            List<String> values = events.stream().map(MessageEvent::getData).toList();
            // 0 (the first body), 1-3 live; then the body of the new connection (the value now, 7), and 4-7 replayed
            assertEquals(List.of(0, 1, 2, 3, 7, 4, 5, 6, 7).stream().map(v -> "{\"value\":" + v + "}").toList(),
                    values);
            assertEquals(1.0, stack.tack.metric("tack_history_recover_total{result=\"recovered\"}"));
        }
    }

    @Test
    void everyClientOfACounterGetsItsIncrementsAndNoOtherCounters() throws Exception {
        try (EventSource a1 = new EventSource.Builder(stack.http("/counter/a")).build();
                EventSource a2 = new EventSource.Builder(stack.http("/counter/a")).build();
                EventSource b = new EventSource.Builder(stack.http("/counter/b")).build()) {
            List<MessageEvent> eventsA1 = collect(a1);
            List<MessageEvent> eventsA2 = collect(a2);
            List<MessageEvent> eventsB = collect(b);
            await().until(() -> stack.tack.subscriptions() == 3);

            increment("a");
            await().until(() -> eventsA1.size() == 2 && eventsA2.size() == 2);
            assertEquals("{\"value\":1}", eventsA1.get(1).getData());
            assertEquals("{\"value\":1}", eventsA2.get(1).getData());

            increment("b");
            await().until(() -> eventsB.size() == 2);
            assertEquals("{\"value\":1}", eventsB.get(1).getData());
            assertEquals(2, eventsA1.size());
        }
    }

    @Test
    void originRefusesAnEventStreamThatDidNotComeThroughTack() throws Exception {
        HttpResponse<String> direct = stack.tack.http().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + stack.origin.port() + "/counter/1"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, direct.statusCode());
    }
}
