package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import dev.tack.proxy.history.HistorySettings;
import dev.tack.proxy.testing.EventSources;
import dev.tack.proxy.testing.Json;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.PacedPublisher;
import dev.tack.proxy.testing.SocketRelay;
import dev.tack.proxy.testing.TackFixture;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The SSE resume of docs/history.md with a real EventSource client (LaunchDarkly's okhttp-eventsource): a client is
 * cut off for 5 s (a relay drops its connection and refuses new ones) while 10 messages a second are published;
 * when it gets through again it reconnects with {@code Last-Event-ID} by itself and ends up with every message once,
 * in order. The publisher's pace is real time (10/s for 10 s); nothing asserts how long anything took.
 */
class HistorySseResumeTest {

    private static final int MESSAGES = 100;

    @Test
    void sseClientCutForFiveSecondsResumesFromPublisherIdsWithEveryMessageOnceInOrder() throws Exception {
        runCut(HistorySettings.on("ticks"), n -> "id: " + n + "\ndata: " + n + "\n\n", true);
    }

    @Test
    void sseClientCutForFiveSecondsResumesFromIdsTackAddsWithEveryMessageOnceInOrder() throws Exception {
        runCut(HistorySettings.on("ticks").withSseIds(true), n -> "data: " + n + "\n\n", false);
    }

    private interface Content {
        String of(int n);
    }

    private void runCut(HistorySettings history, Content content, boolean publisherIds) throws Exception {
        try (OriginServer origin = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()), s -> s.history(history));
                SocketRelay relay = new SocketRelay(tack.clientPort())) {
            origin.on("/ticks", r -> Reply.of(200, "", "Content-Type", "text/event-stream", "Grip-Hold", "stream",
                    "Grip-Channel", "ticks"));
            try (EventSource source = EventSources.reconnecting(URI.create("http://127.0.0.1:" + relay.port()
                    + "/ticks"))) {
                List<MessageEvent> events = EventSources.collect(source);
                await().until(() -> tack.subscriptions() == 1);
                try (PacedPublisher publisher = new PacedPublisher(tack, MESSAGES, Duration.ofMillis(100),
                        n -> "{\"items\":[{\"channel\":\"ticks\"" + (publisherIds ? ",\"id\":\"" + n + "\"" : "")
                                + ",\"formats\":{\"http-stream\":{\"content\":" + Json.quote(content.of(n))
                                + "}}}]}")) {
                    assertEquals(IntStream.rangeClosed(1, MESSAGES).mapToObj(String::valueOf).toList(),
                            EventSources.cutWhilePublishing(events, relay, publisher, 50, MESSAGES, () -> { }));
                }
                assertTrue(tack.metric("tack_history_recover_total{result=\"recovered\"}") >= 1,
                        "the reconnect was a resume");
            }
        }
    }
}
