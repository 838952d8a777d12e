package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Response and stream holds end to end: a client at Tack, an in-process origin, publishes over HTTP. Hold timeouts
 * and keep-alives run on driven time.
 */
class HttpHoldsTest {

    private OriginServer origin;
    private TackFixture tack;
    private final DrivenTime time = new DrivenTime();
    private StreamClients clients;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()), s -> s, time);
        clients = new StreamClients();
    }

    @AfterEach
    void stop() {
        clients.close();
        tack.close();
        origin.close();
    }

    @Test
    void longPollIsAnsweredByAPublishedResponse() throws Exception {
        origin.on("/poll", r -> Reply.of(200, "{\"items\":[]}\n", "Grip-Hold", "response", "Grip-Channel", "news",
                "Content-Type", "application/json", "X-Origin", "kept"));
        CompletableFuture<HttpResponse<String>> poll = tack.http().sendAsync(
                HttpRequest.newBuilder(tack.clientUri("/poll")).build(), HttpResponse.BodyHandlers.ofString());
        await().until(() -> tack.subscriptions() == 1);
        HttpResponse<String> published = tack.publish("{\"items\":[{\"channel\":\"news\",\"formats\":{\"http-response\":"
                + "{\"code\":201,\"headers\":{\"X-Published\":\"yes\"},\"body\":\"{\\\"items\\\":[1]}\\n\"}}}]}");
        assertEquals(200, published.statusCode());
        assertEquals("Published\n", published.body());
        HttpResponse<String> response = poll.get();
        assertEquals(201, response.statusCode());
        assertEquals("{\"items\":[1]}\n", response.body());
        assertEquals("kept", response.headers().firstValue("X-Origin").orElse(null));
        assertEquals("yes", response.headers().firstValue("X-Published").orElse(null));
        assertTrue(response.headers().map().keySet().stream().noneMatch(n -> n.toLowerCase().startsWith("grip-")));
        await().until(() -> tack.subscriptions() == 0);
    }

    @Test
    void longPollTimesOutWithTheOriginsResponse() throws Exception {
        origin.on("/poll", r -> Reply.of(200, "nothing yet\n", "Grip-Hold", "response", "Grip-Channel", "quiet",
                "Grip-Timeout", "1", "Content-Type", "text/plain"));
        CompletableFuture<HttpResponse<String>> poll = tack.http().sendAsync(
                HttpRequest.newBuilder(tack.clientUri("/poll")).build(), HttpResponse.BodyHandlers.ofString());
        await().until(() -> tack.subscriptions() == 1);
        tack.advance(Duration.ofMillis(900));
        assertFalse(poll.isDone());
        tack.advanceUntil(Duration.ofMillis(200), poll::isDone);
        HttpResponse<String> response = poll.get();
        assertEquals(200, response.statusCode());
        assertEquals("nothing yet\n", response.body());
        assertNull(response.headers().firstValue("Grip-Timeout").orElse(null));
        assertEquals(0, tack.subscriptions());
    }

    @Test
    void streamHoldDeliversPublishesInOrderAndEndsOnClose() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "stream open\n", "Grip-Hold", "stream", "Grip-Channel", "fruit",
                "Content-Type", "text/plain"));
        StreamClients.Stream stream = clients.open(tack.clientPort(), "/stream", 1).get(0);
        await().until(() -> stream.body().equals("stream open\n"));
        assertEquals("chunked", stream.head().headers().get("Transfer-Encoding"));
        assertFalse(stream.head().headers().contains("Content-Length"));
        for (String fruit : List.of("apple", "banana", "cherry")) {
            tack.publishStream("fruit", fruit + "\n");
        }
        await().until(() -> stream.body().equals("stream open\napple\nbanana\ncherry\n"));
        tack.publish("{\"items\":[{\"channel\":\"fruit\",\"formats\":{\"http-stream\":{\"action\":\"close\"}}}]}");
        await().until(stream::ended);
        assertEquals("stream open\napple\nbanana\ncherry\n", stream.body());
        await().until(() -> tack.subscriptions() == 0);
    }

    @Test
    void outOfOrderPublishesAreDeliveredInPrevIdOrder() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "stream open\n", "Grip-Hold", "stream", "Grip-Channel", "seq"));
        StreamClients.Stream stream = clients.open(tack.clientPort(), "/stream", 1).get(0);
        await().until(() -> tack.subscriptions() == 1);
        String[][] items = {{"a", null, "one\\n"}, {"e", "d", null}, {"d", "c", "four\\n"}, {"c", "b", "three\\n"},
            {"b", "a", "two\\n"}};
        for (String[] item : items) {
            String format = item[2] == null ? "{\"action\":\"close\"}" : "{\"content\":\"" + item[2] + "\"}";
            tack.publish("{\"items\":[{\"channel\":\"seq\",\"id\":\"" + item[0] + "\""
                    + (item[1] == null ? "" : ",\"prev-id\":\"" + item[1] + "\"")
                    + ",\"formats\":{\"http-stream\":" + format + "}}]}");
        }
        await().until(stream::ended);
        assertEquals("stream open\none\ntwo\nthree\nfour\n", stream.body());
    }

    @Test
    void streamHoldWritesKeepAlivesWhileIdle() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "idle",
                "Grip-Keep-Alive", "\\n; format=cstring; timeout=1"));
        StreamClients.Stream stream = clients.open(tack.clientPort(), "/stream", 1).get(0);
        await().until(() -> tack.subscriptions() == 1);
        tack.advanceUntil(Duration.ofSeconds(1), () -> stream.body().length() >= 2);
        assertTrue(stream.body().chars().allMatch(c -> c == '\n'), "only keep-alive newlines: " + stream.body());
    }

    @Test
    void clientsOnAnotherChannelReceiveNothing() throws Exception {
        origin.on("/a", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "a"));
        origin.on("/b", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "b"));
        StreamClients.Stream a = clients.open(tack.clientPort(), "/a", 1).get(0);
        StreamClients.Stream b = clients.open(tack.clientPort(), "/b", 1).get(0);
        await().until(() -> tack.subscriptions() == 2);
        tack.publishStream("a", "for a\n");
        tack.publishStream("b", "for b\n");
        await().until(() -> a.body().equals("for a\n") && b.body().equals("for b\n"));
    }

    @Test
    void badPublishesAreAnsweredWhileHeldConnectionsKeepWorking() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "live"));
        StreamClients.Stream stream = clients.open(tack.clientPort(), "/stream", 1).get(0);
        await().until(() -> tack.subscriptions() == 1);
        tack.publishStream("live", "one\n");
        record Bad(String body, String answer) {
        }
        List<Bad> bad = List.of(
                new Bad("not json", "Body is not valid JSON.\n"),
                new Bad("[]", "Invalid format.\n"),
                new Bad("{}", "Invalid format: object does not contain 'items'\n"),
                new Bad("{\"items\": 3}", "Invalid format: object contains 'items' with wrong type\n"),
                new Bad("{\"items\": [{\"formats\": {\"http-stream\": {\"content\": \"x\"}}}]}",
                        "Invalid format: publish item object does not contain 'channel'\n"),
                new Bad("{\"items\": [{\"channel\": \"live\", \"formats\": {}}]}",
                        "Invalid format: no formats specified\n"),
                new Bad("{\"items\": [{\"channel\": \"live\", \"formats\": {\"http-stream\": {}}}]}",
                        "Invalid format: 'http-stream' does not contain 'content' or 'content-bin'\n"),
                // All items are checked before any is published: the good first item must not arrive.
                new Bad("{\"items\": [{\"channel\": \"live\", \"formats\": {\"http-stream\": {\"content\": \"no\\n\"}}},"
                        + " {\"channel\": \"live\"}]}", null));
        for (Bad attempt : bad) {
            HttpResponse<String> response = tack.publish(attempt.body());
            assertEquals(400, response.statusCode(), attempt.body());
            if (attempt.answer() != null) {
                assertEquals(attempt.answer(), response.body(), attempt.body());
            }
        }
        tack.publishStream("live", "two\n");
        await().until(() -> stream.body().equals("one\ntwo\n"));
        assertFalse(stream.closed());
    }

    @Test
    void registryIsEmptyAfterEveryClientDisconnects() throws Exception {
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "c1, c2"));
        origin.on("/poll", r -> Reply.of(200, "", "Grip-Hold", "response", "Grip-Channel", "c3"));
        List<StreamClients.Stream> streams = clients.open(tack.clientPort(), "/stream", 20);
        List<StreamClients.Stream> polls = clients.open(tack.clientPort(), "/poll", 20);
        await().until(() -> tack.subscriptions() == 60);
        streams.forEach(StreamClients.Stream::close);
        polls.forEach(StreamClients.Stream::close);
        await().until(() -> tack.subscriptions() == 0 && tack.channels() == 0);
    }
}
