package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A published item that no connection could carry (a close code no close frame may hold, a header name that is no
 * token, CR or LF in a value or reason) is refused with 400 when it is published, naming the field, rather than
 * accepted and then failing at the subscribers; and one subscriber's failure never keeps an item from the others.
 * All subscribers here share one event loop.
 */
class PublishValidationTest {

    private TackFixture tack;
    private final WsClients sockets = new WsClients();
    private final StreamClients polls = new StreamClients();

    @BeforeEach
    void start() throws Exception {
        tack = TackFixture.start(List.of("* test"), s -> s.eventLoops(1));
    }

    @AfterEach
    void stop() {
        polls.close();
        tack.close();
    }

    private static String item(String format) {
        return "{\"items\":[{\"channel\":\"news\",\"formats\":" + format + "}]}";
    }

    private void assertRefused(String format, String field) throws Exception {
        HttpResponse<String> response = tack.publish(item(format));
        assertEquals(400, response.statusCode(), format + " -> " + response.body());
        assertTrue(response.body().startsWith("Invalid format: ") && response.body().contains(field),
                format + " -> " + response.body());
    }

    @Test
    void itemsNoConnectionCouldCarryAreRefusedAndEverySubscriberGetsTheNextOne() throws Exception {
        List<WsClients.Client> webSockets = List.of(
                sockets.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/?channel=news")),
                sockets.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/?channel=news")),
                sockets.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/?channel=news")));
        List<StreamClients.Stream> longPolls = polls.open(tack.clientPort(), "/response?channel=news", 3);
        await().until(() -> tack.subscriptions() == 6);

        assertRefused("{\"ws-message\":{\"action\":\"close\",\"code\":5000}}", "'code'");
        assertRefused("{\"ws-message\":{\"action\":\"close\",\"code\":1005}}", "'code'");
        assertRefused("{\"ws-message\":{\"action\":\"close\",\"code\":4000,\"reason\":\"" + "x".repeat(124) + "\"}}",
                "'reason'");
        assertRefused("{\"http-response\":{\"headers\":{\"Bad Name\":\"x\"},\"body\":\"no\"}}", "header name 'Bad Name'");
        assertRefused("{\"http-response\":{\"headers\":[[\"X-Split\",\"a\\r\\nSet-Cookie: evil\"]],\"body\":\"no\"}}",
                "header 'X-Split'");
        assertRefused("{\"http-response\":{\"reason\":\"OK\\r\\nX: y\",\"body\":\"no\"}}", "'reason'");

        HttpResponse<String> good = tack.publish(item("{\"ws-message\":{\"content\":\"hello\"},"
                + "\"http-response\":{\"body\":\"answer\\n\"}}"));
        assertEquals(200, good.statusCode(), good.body());
        await().until(() -> webSockets.stream().allMatch(c -> c.texts.contains("hello")));
        await().until(() -> longPolls.stream().allMatch(p -> p.body().equals("answer\n")));
        webSockets.forEach(c -> assertFalse(c.closed.isDone()));
    }
}
