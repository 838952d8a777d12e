package dev.tack.demo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.ws.WsEvent;
import dev.tack.demo.DemoHarness;
import dev.tack.demo.PublishRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    private DemoHarness demo;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoHarness();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private HttpResponse<String> signedGet(String path) throws Exception {
        return demo.send(demo.request(path).header("Grip-Sig", DemoHarness.gripSig()).build());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return demo.send(demo.request(path).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void longPollIsAResponseHoldWithATimeoutBody() throws Exception {
        HttpResponse<String> response = signedGet("/api/long-poll");
        assertEquals("response", response.headers().firstValue("Grip-Hold").orElseThrow());
        assertEquals("test", response.headers().firstValue("Grip-Channel").orElseThrow());
        assertEquals("30", response.headers().firstValue("Grip-Timeout").orElseThrow());
        assertEquals("{\"message\":null}", response.body());
    }

    @Test
    void longPollPublishSendsAnHttpResponse() throws Exception {
        assertEquals("Ok\n", post("/api/long-poll", "hello").body());
        PublishRecorder.Publish p = demo.publishes.take();
        assertEquals("test", p.channel());
        assertEquals("{\"message\":\"hello\"}",
                p.items().get(0).path("formats").path("http-response").path("body").asText());
        // headers go as [name, value] pairs so order and repeats survive
        assertEquals("[[\"Content-Type\",\"application/json\"]]",
                p.items().get(0).path("formats").path("http-response").path("headers").toString());
    }

    @Test
    void streamIsAStreamHold() throws Exception {
        HttpResponse<String> response = signedGet("/api/stream");
        assertEquals("stream", response.headers().firstValue("Grip-Hold").orElseThrow());
        assertEquals("test", response.headers().firstValue("Grip-Channel").orElseThrow());
        assertEquals("[stream open]\n", response.body());
    }

    @Test
    void streamPublishAppendsALine() throws Exception {
        post("/api/publish", "hello");
        assertEquals("hello\n", demo.publishes.take().items().get(0).path("formats").path("http-stream")
                .path("content").asText());
    }

    @Test
    void unsignedHoldsAreRefused() throws Exception {
        assertEquals(403, demo.send(demo.request("/api/stream").build()).statusCode());
        assertEquals(403, demo.send(demo.request("/api/long-poll").build()).statusCode());
    }

    @Test
    void echoAcceptsSubscribesAndEchoes() throws Exception {
        assertEquals(List.of(WsEvent.open(), WsEvent.text("c:{\"type\":\"subscribe\",\"channel\":\"test\"}"),
                        WsEvent.text("m:hi")),
                demo.exchange("/api/echo", "e1", List.of(WsEvent.open(), WsEvent.text("hi"))));
    }

    @Test
    void echoClosesWithTheClientsCode() throws Exception {
        List<WsEvent> reply = demo.exchange("/api/echo", "e1", List.of(WsEvent.close(4001, "bye")));
        assertEquals(List.of(WsEvent.close(4001, "bye")), reply);
    }

    @Test
    void broadcastPublishesAWsMessage() throws Exception {
        post("/api/broadcast", "to all");
        assertEquals("to all", demo.publishes.take().items().get(0).path("formats").path("ws-message")
                .path("content").asText());
    }
}
