package dev.tack.demo.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.demo.DemoHarness;
import dev.tack.demo.PublishRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CounterDemoTest {
    private DemoHarness demo;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoHarness();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private HttpResponse<String> post(String path) throws Exception {
        return demo.send(demo.request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void signedEventStreamRequestIsHeldOnTheCounterChannel() throws Exception {
        HttpResponse<String> response = demo.send(demo.request("/counter/7")
                .header("Accept", "text/event-stream").header("Grip-Sig", DemoHarness.gripSig()).build());
        assertEquals(200, response.statusCode());
        assertEquals("stream", response.headers().firstValue("Grip-Hold").orElseThrow());
        assertEquals("counter-7", response.headers().firstValue("Grip-Channel").orElseThrow());
        assertEquals(":\\n\\n; format=cstring; timeout=20", response.headers().firstValue("Grip-Keep-Alive").orElseThrow());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("data: {\"value\":0}\n\n", response.body());
    }

    @Test
    void eventStreamWithoutGripSigIsRefused() throws Exception {
        HttpResponse<String> response = demo.send(demo.request("/counter/7")
                .header("Accept", "text/event-stream").build());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().startsWith("Grip-Sig header missing"), response.body());
    }

    @Test
    void plainGetAnswersTheValueAsJson() throws Exception {
        HttpResponse<String> response = demo.send(demo.request("/counter/7").build());
        assertEquals("{\"value\":0}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void postIncrementsAndPublishesThroughTheFastlyPath() throws Exception {
        assertEquals("{\"value\":1}", post("/counter/7").body());
        assertEquals("{\"value\":2}", post("/counter/7").body());
        PublishRecorder.Publish first = demo.publishes.take();
        assertEquals("/service/local/publish/", first.target());
        assertEquals("devtoken", first.header("Fastly-Key"));
        assertEquals("counter-7", first.channel());
        assertEquals("data: {\"value\":1}\n\n",
                first.items().get(0).path("formats").path("http-stream").path("content").asText());
        assertEquals("data: {\"value\":2}\n\n",
                demo.publishes.take().items().get(0).path("formats").path("http-stream").path("content").asText());
        assertEquals("{\"value\":2}", demo.send(demo.request("/counter/7").build()).body());
    }

    @Test
    void countersAreIndependent() throws Exception {
        post("/counter/a");
        assertEquals("{\"value\":1}", post("/counter/b").body());
    }

    @Test
    void failedPublishIsBadGateway() throws Exception {
        demo.publishes.failWith(500);
        HttpResponse<String> response = post("/counter/7");
        assertEquals(502, response.statusCode());
        assertTrue(response.body().startsWith("Bad Gateway: counter 7 is 1 but the publish failed: publish to"),
                response.body());
    }

    @Test
    void badIdIsRefused() throws Exception {
        HttpResponse<String> response = post("/counter/a.b");
        assertEquals(400, response.statusCode());
        assertEquals("counter id: \"a.b\" (expected: 1-64 characters of A-Z, a-z, 0-9, '-', '_')\n", response.body());
    }
}
