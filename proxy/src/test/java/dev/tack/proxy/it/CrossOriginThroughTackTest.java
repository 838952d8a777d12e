package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.RawHttp;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cross-origin handling through Tack (docs/compatibility.md "Cross-origin and JSON-P"): CORS headers on relayed
 * responses, preflights, held responses and stream heads of {@code aco} routes, and JSON-P for relayed and held
 * answers, over loopback against an in-process origin.
 */
class CrossOriginThroughTackTest {

    private OriginServer origin;
    private TackFixture tack;
    private final StreamClients streams = new StreamClients();

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        origin.on("/data", r -> r.method().equals("OPTIONS") ? Reply.of(204, "")
                : Reply.of(200, "hello \"you\"\n", "Content-Type", "text/plain", "X-Total", "3"));
        origin.on("/own", r -> Reply.of(200, "own\n", "Access-Control-Allow-Origin", "https://mine.example"));
        origin.on("/poll", r -> Reply.of(200, "nothing\n", "Grip-Hold", "response", "Grip-Channel", "poll"));
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "s",
                "Content-Type", "text/event-stream"));
        String target = "127.0.0.1:" + origin.port();
        tack = TackFixture.start(List.of("plain " + target, "basic,aco,jsonp_mode=basic " + target, "*,aco " + target));
    }

    @AfterEach
    void stop() {
        streams.close();
        tack.close();
        origin.close();
    }

    private RawHttp.Response get(String host, String pathAndQuery, String... headers) throws Exception {
        return RawHttp.exchange(tack.clientPort(), "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + String.join("", headers) + "Connection: close\r\n\r\n");
    }

    @Test
    void relayedResponsesGetCorsHeadersEchoingTheOrigin() throws Exception {
        RawHttp.Response response = get("h", "/data", "Origin: https://app.example\r\n");
        assertEquals("https://app.example", response.header("Access-Control-Allow-Origin"));
        assertEquals("true", response.header("Access-Control-Allow-Credentials"));
        assertEquals("3600", response.header("Access-Control-Max-Age"));
        assertTrue(response.header("Access-Control-Expose-Headers").toLowerCase(java.util.Locale.ROOT).contains("x-total"),
                response.head());
        assertNull(get("plain", "/data", "Origin: https://app.example\r\n").header("Access-Control-Allow-Origin"));
        assertEquals("https://mine.example", get("h", "/own").header("Access-Control-Allow-Origin"));
    }

    @Test
    void aPreflightGoesToTheOriginAndItsAnswerAllowsWhatWasAsked() throws Exception {
        RawHttp.Response response = RawHttp.exchange(tack.clientPort(), "OPTIONS /data HTTP/1.1\r\nHost: h\r\n"
                + "Origin: https://app.example\r\nAccess-Control-Request-Method: PUT\r\n"
                + "Access-Control-Request-Headers: X-Token\r\nConnection: close\r\n\r\n");
        assertEquals(204, response.status());
        assertEquals("PUT", response.header("Access-Control-Allow-Methods"));
        assertEquals("X-Token", response.header("Access-Control-Allow-Headers"));
        assertEquals("https://app.example", response.header("Access-Control-Allow-Origin"));
        assertEquals("OPTIONS", origin.received().get(0).method());
    }

    @Test
    void heldResponsesAndStreamHeadsGetCorsHeaders() throws Exception {
        CompletableFuture<RawHttp.Response> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return get("h", "/poll", "Origin: https://app.example\r\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> tack.subscriptions() == 1);
        assertEquals(200, tack.publish("{\"items\":[{\"channel\":\"poll\",\"formats\":{\"http-response\":"
                + "{\"body\":\"news\\n\"}}}]}").statusCode());
        RawHttp.Response held = poll.get();
        assertEquals("news\n", held.body());
        assertEquals("https://app.example", held.header("Access-Control-Allow-Origin"));

        StreamClients.Stream stream = streams.open(tack.clientPort(), "/stream", 1).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.head() != null && tack.subscriptions() == 1);
        assertEquals("*", stream.head().headers().get("Access-Control-Allow-Origin"));
        tack.publishStream("s", "data: 1\n\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.body().equals("data: 1\n\n"));
    }

    @Test
    void jsonpWrapsRelayedAnswersWithStatusHeadersAndBody() throws Exception {
        RawHttp.Response response = get("h", "/data?callback=show");
        assertEquals(200, response.status());
        assertEquals("application/javascript", response.header("Content-Type"));
        assertNull(response.header("Access-Control-Allow-Origin"));
        assertTrue(response.body().startsWith("/**/show({\"code\": 200, \"reason\": \"OK\", \"headers\": {"),
                response.body());
        assertTrue(response.body().contains("\"X-total\":\"3\"") || response.body().contains("\"X-Total\":\"3\""),
                response.body());
        assertTrue(response.body().endsWith(", \"body\": \"hello \\\"you\\\"\\n\"});\n"), response.body());
        assertEquals("/data", origin.received().get(0).uri());
        assertEquals("/**/show(hello \"you\");\n", get("basic", "/data?callback=show").body());
    }

    @Test
    void jsonpWrapsHeldAnswersAndCarriesMethodAndBody() throws Exception {
        origin.on("/echo", r -> Reply.of(201, r.method() + " " + r.bodyText(), "Content-Type", "text/plain"));
        RawHttp.Response echoed = get("h", "/echo?callback=cb&_method=POST&_body=ping");
        assertTrue(echoed.body().startsWith("/**/cb({\"code\": 201, \"reason\": \"Created\""), echoed.body());
        assertTrue(echoed.body().endsWith("\"body\": \"POST ping\"});\n"), echoed.body());

        CompletableFuture<RawHttp.Response> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return get("h", "/poll?callback=cb");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> tack.subscriptions() == 1);
        tack.publish("{\"items\":[{\"channel\":\"poll\",\"formats\":{\"http-response\":{\"code\":202,"
                + "\"body\":\"done\"}}}]}");
        RawHttp.Response held = poll.get();
        assertEquals(200, held.status());
        assertTrue(held.body().startsWith("/**/cb({\"code\": 202, \"reason\": \"Accepted\""), held.body());
        assertTrue(held.body().endsWith("\"body\": \"done\"});\n"), held.body());
    }

    @Test
    void aBadCallbackIs400() throws Exception {
        RawHttp.Response response = get("h", "/data?callback=");
        assertEquals(400, response.status());
        assertEquals("Invalid callback parameter.\n", response.body());
    }

    @Test
    void autoCrossOriginCoversResponsesWithoutARoute() throws Exception {
        try (TackFixture everywhere = TackFixture.start(List.of("only.example 127.0.0.1:" + origin.port()),
                s -> s.autoCrossOrigin(true))) {
            RawHttp.Response response = RawHttp.exchange(everywhere.clientPort(),
                    "GET / HTTP/1.1\r\nHost: elsewhere\r\nOrigin: https://app.example\r\nConnection: close\r\n\r\n");
            assertEquals(502, response.status());
            assertEquals("https://app.example", response.header("Access-Control-Allow-Origin"));
        }
    }
}
