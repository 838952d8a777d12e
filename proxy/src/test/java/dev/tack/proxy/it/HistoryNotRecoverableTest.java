package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.proxy.history.HistorySettings;
import dev.tack.proxy.testing.Json;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a client gets when history cannot give it what it missed (docs/history.md "When history cannot help"):
 * nothing replayed, never part of it, and it is told: {@code Tack-Resume} on the response (exposed to cross-origin
 * scripts), the configured {@code stream-reset} event or message, and {@code tack_history_recover_total{result}}.
 * Channel {@code news} keeps 5 items, a replay carries at most 3, and items 1-10 are published before each test.
 */
class HistoryNotRecoverableTest {

    private static final String HELLO = "event: hello\ndata: hi\n\n";
    private static final Pattern TACK_ID = Pattern.compile("id: (news:t1\\.[a-z0-9]+\\.)(\\d+)\n");

    private OriginServer origin;
    private TackFixture tack;
    private StreamClients streams;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        origin.on("/sse", r -> Reply.of(200, HELLO, "Content-Type", "text/event-stream", "Grip-Hold", "stream",
                "Grip-Channel", "news", "Access-Control-Allow-Origin", "*"));
        new WohOrigin(origin, "/ws", r -> r.isOpening() ? new WsOverHttpResponse().accept().subscribe("news")
                : new WsOverHttpResponse());
        HistorySettings history = HistorySettings.on("news").withLimits(5, 300, 1 << 20, 1 << 24, 100)
                .withReplayMax(3).withResetEvent("stream-reset");
        tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"), s -> s.history(history));
        streams = new StreamClients();
        for (int n = 1; n <= 10; n++) {
            publish(n);
        }
    }

    @AfterEach
    void stop() {
        streams.close();
        tack.close();
        origin.close();
    }

    private void publish(int n) throws Exception {
        String body = "{\"items\":[{\"channel\":\"news\",\"id\":\"" + n + "\",\"formats\":{"
                + "\"http-stream\":{\"content\":" + Json.quote("id: " + n + "\ndata: " + n + "\n\n") + "},"
                + "\"ws-message\":{\"content\":\"" + n + "\"}}}]}";
        assertEquals(200, tack.publish(body).statusCode());
    }

    /** Connects with {@code Last-Event-ID}, then publishes item 11 and waits for it. */
    private StreamClients.Stream resume(String lastEventId) throws Exception {
        StreamClients.Stream stream = streams.open(tack.clientPort(), "/sse", Map.of("Last-Event-ID", lastEventId));
        await().until(() -> tack.subscriptions() == 1 && stream.head() != null);
        publish(11);
        await().until(() -> stream.body().endsWith("id: 11\ndata: 11\n\n"));
        return stream;
    }

    private static String reset(String reason) {
        return "event: stream-reset\ndata: {\"channel\":\"news\",\"reason\":\"" + reason + "\"}\n\n";
    }

    @Test
    void positionInHistoryReplaysWhatFollowsItAndSaysRecovered() throws Exception {
        StreamClients.Stream stream = resume("8");
        assertEquals("recovered", stream.head().headers().get("Tack-Resume"));
        assertEquals(HELLO + "id: 9\ndata: 9\n\nid: 10\ndata: 10\n\nid: 11\ndata: 11\n\n", stream.body());
        assertEquals(1.0, tack.metric("tack_history_recover_total{result=\"recovered\"}"));
    }

    /** An unknown id, a gap longer than one replay may carry (items 7-10 after 6, at most 3), another epoch. */
    @ParameterizedTest(name = "Last-Event-ID {0}: {1}")
    @CsvSource({"no-such-id, unknown-position", "6, too-large", "news:t1.zzzzzz.9, epoch-changed"})
    void positionThatCannotBeServedWholeReplaysNothingAndSaysSo(String lastEventId, String reason) throws Exception {
        StreamClients.Stream stream = resume(lastEventId);
        assertEquals("not-recovered; channel=news; reason=" + reason, stream.head().headers().get("Tack-Resume"));
        assertEquals(HELLO + reset(reason) + "id: 11\ndata: 11\n\n", stream.body());
        assertEquals(1.0, tack.metric("tack_history_recover_total{result=\"" + reason.replace('-', '_') + "\"}"));
    }

    @Test
    void crossOriginScriptsMayReadTheOutcome() throws Exception {
        StreamClients.Stream stream = resume("no-such-id");
        assertEquals("Tack-Resume, Tack-Position", stream.head().headers().get("Access-Control-Expose-Headers"));
    }

    @Test
    void positionOfTrimmedItemsReplaysNothing() throws Exception {
        // A node that adds its own ids, so the client learns Tack's positions (offset n for item n).
        HistorySettings ids = HistorySettings.on("news").withLimits(5, 300, 1 << 20, 1 << 24, 100).withSseIds(true)
                .withResetEvent("stream-reset");
        try (TackFixture idTack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()), s -> s.history(ids))) {
            StreamClients.Stream watcher = streams.open(idTack.clientPort(), "/sse", Map.of());
            await().until(() -> idTack.subscriptions() == 1);
            for (int n = 1; n <= 10; n++) {
                assertEquals(200, idTack.publish("{\"items\":[{\"channel\":\"news\",\"formats\":{\"http-stream\":"
                        + "{\"content\":\"data: " + n + "\\n\\n\"}}}]}").statusCode());
            }
            await().until(() -> watcher.body().contains("data: 10\n"));
            Matcher id = TACK_ID.matcher(watcher.body());
            assertTrue(id.find());
            // The first id is the one written as the stream opened, before the origin's body: the top then.
            assertEquals("0", id.group(2));
            assertTrue(watcher.body().startsWith(id.group() + "\n" + HELLO), watcher.body());
            // Items 6-10 are kept; the one after offset 3 is gone.
            StreamClients.Stream stream = streams.open(idTack.clientPort(), "/sse",
                    Map.of("Last-Event-ID", id.group(1) + "3"));
            String opening = id.group(1) + "10\n\n" + HELLO + reset("evicted");
            await().until(() -> stream.head() != null && stream.body().startsWith("id: " + opening));
            assertEquals("not-recovered; channel=news; reason=evicted", stream.head().headers().get("Tack-Resume"));
            assertEquals("id: " + opening, stream.body(), "nothing replayed");
            assertEquals(1.0, idTack.metric("tack_history_recover_total{result=\"evicted\"}"));
        }
    }

    @Test
    void webSocketWithUnknownPositionGetsTheResetMessageAndNothingReplayed() throws Exception {
        WsClients.Client client = new WsClients().connect(URI.create("ws://127.0.0.1:" + tack.clientPort()
                + "/ws?recover=no-such-id"));
        await().until(() -> tack.subscriptions() == 1);
        publish(11);
        await().until(() -> client.texts.size() == 2);
        assertEquals(List.of("{\"type\":\"stream-reset\",\"channel\":\"news\",\"reason\":\"unknown-position\"}", "11"),
                client.texts);
    }
}
