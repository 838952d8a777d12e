package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.proxy.history.HistorySettings;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.PacedPublisher;
import dev.tack.proxy.testing.SocketRelay;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * WebSocket resume and rewind (docs/history.md "WebSockets"), with a WebSocket-over-HTTP origin that knows nothing of
 * history: it subscribes every connection to {@code ticks}. Items carry their number as publisher id and as the
 * message, so a client knows what to ask for with {@code recover=}.
 */
class HistoryWebSocketResumeTest {

    private static final int MESSAGES = 100;

    private static String item(int n) {
        return "{\"items\":[{\"channel\":\"ticks\",\"id\":\"" + n + "\",\"formats\":{\"ws-message\":{\"content\":\"" + n
                + "\"}}}]}";
    }

    private static TackFixture tack(OriginServer origin) throws Exception {
        new WohOrigin(origin, "/ws", r -> r.isOpening() ? new WsOverHttpResponse().accept().subscribe("ticks")
                : new WsOverHttpResponse());
        return TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"),
                s -> s.history(HistorySettings.on("ticks")));
    }

    @Test
    void webSocketCutForFiveSecondsResumesWithRecoverAndHasEveryMessageOnceInOrder() throws Exception {
        try (OriginServer origin = new OriginServer();
                TackFixture tack = tack(origin);
                SocketRelay relay = new SocketRelay(tack.clientPort())) {
            WsClients clients = new WsClients();
            WsClients.Client first = clients.connect(URI.create("ws://127.0.0.1:" + relay.port() + "/ws"));
            await().until(() -> tack.subscriptions() == 1);
            try (PacedPublisher publisher = new PacedPublisher(tack, MESSAGES, Duration.ofMillis(100),
                    HistoryWebSocketResumeTest::item)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> first.texts.size() >= 20);
                relay.cut();
                int cutAt = publisher.published();
                await().atMost(Duration.ofSeconds(20)).until(() -> publisher.published() >= cutAt + 50);
                relay.restore();
                await().until(() -> first.closed.isDone());
                String last = first.texts.get(first.texts.size() - 1);
                WsClients.Client again = clients.connect(URI.create("ws://127.0.0.1:" + relay.port()
                        + "/ws?recover=" + last));
                await().atMost(Duration.ofSeconds(30)).until(() -> first.texts.size() + again.texts.size() >= MESSAGES);

                List<String> all = new ArrayList<>(first.texts);
                all.addAll(again.texts);
                assertEquals(numbers(1, MESSAGES), all);
                assertNull(publisher.failure());
                assertEquals(1.0, tack.metric("tack_history_recover_total{result=\"recovered\"}"));
            }
        }
    }

    @Test
    void webSocketJoiningWithRewindFiveGetsTheLastFiveThenLiveOnceInOrder() throws Exception {
        try (OriginServer origin = new OriginServer(); TackFixture tack = tack(origin)) {
            WsClients clients = new WsClients();
            WsClients.Client watcher = clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/ws"));
            await().until(() -> tack.subscriptions() == 1);
            try (PacedPublisher publisher = new PacedPublisher(tack, 60, Duration.ofMillis(100),
                    HistoryWebSocketResumeTest::item)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> publisher.published() >= 20);
                WsClients.Client late = clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort()
                        + "/ws?rewind=5"));
                await().atMost(Duration.ofSeconds(20)).until(() -> watcher.texts.size() == 60
                        && !late.texts.isEmpty() && late.texts.get(late.texts.size() - 1).equals("60"));

                int firstOfLate = Integer.parseInt(late.texts.get(0));
                assertEquals(numbers(firstOfLate, 60), late.texts, "5 from history, then live, no gap, no repeat");
                assertEquals(numbers(1, 60), watcher.texts);
                // the late client joined after at least 20 items: history gave it exactly the 5 before its snapshot
                assertEquals(1.0, tack.metric("tack_history_recover_total{result=\"recovered\"}"));
                assertEquals(5.0, tack.metric("tack_history_replayed_items_total"));
            }
        }
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(String::valueOf).toList();
    }
}
