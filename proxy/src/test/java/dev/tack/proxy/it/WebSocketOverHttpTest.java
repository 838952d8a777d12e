package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.client.WsOverHttpRequest;
import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.api.sig.GripSigVerifier;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventType;
import dev.tack.proxy.origin.OriginTimings;
import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client WebSockets at Tack carried to an in-process origin as WebSocket-over-HTTP (docs/compatibility.md
 * "WebSocket-over-HTTP"). Tack's timers run on driven time: keep-alives, polls and retries happen when the test
 * moves the clock.
 */
class WebSocketOverHttpTest {

    private OriginServer server;
    private TackFixture tack;
    private final DrivenTime time = new DrivenTime();
    private final WsClients clients = new WsClients();

    @BeforeEach
    void start() throws Exception {
        server = new OriginServer();
        tack = TackFixture.start(List.of("* 127.0.0.1:" + server.port() + ",over_http"),
                s -> s.originTimings(new OriginTimings(2000, 3000, 50, 10_000)), time);
    }

    @AfterEach
    void stop() {
        tack.close();
        server.close();
    }

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + tack.clientPort() + path);
    }

    /** An origin that accepts, subscribes to {@code channel}, and answers later requests with {@code app}. */
    private WohOrigin origin(String channel, Function<WsOverHttpRequest, WsOverHttpResponse> app) {
        return new WohOrigin(server, "/ws", request -> {
            if (request.isOpening()) {
                return new WsOverHttpResponse().accept().subscribe(channel);
            }
            return app.apply(request);
        });
    }

    private static WsOverHttpResponse nothing(WsOverHttpRequest request) {
        return new WsOverHttpResponse();
    }

    private void publishWs(String channel, String format) throws Exception {
        var response = tack.publish("{\"items\":[{\"channel\":\"" + channel + "\",\"formats\":{\"ws-message\":" + format + "}}]}");
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void openRequestIsExactAndSubscribesToPublishes() throws Exception {
        WohOrigin origin = origin("room", WebSocketOverHttpTest::nothing);
        WsClients.Client client = clients.connect(ws("/ws?roomId=7"));
        OriginServer.Received open = server.received().get(0);
        assertEquals("POST", open.method());
        assertEquals("/ws?roomId=7", open.uri());
        assertEquals("OPEN\r\n", open.bodyText());
        assertEquals("application/websocket-events", open.header("Content-Type"));
        assertEquals("application/websocket-events", open.header("Accept"));
        assertEquals("grip", open.header("Sec-WebSocket-Extensions"));
        assertNotNull(open.header("Connection-Id"));
        assertTrue(GripSigVerifier.of(TackFixture.SIG_KEY, null).verify(open.header("Grip-Sig"),
                System.currentTimeMillis() / 1000));
        assertEquals(1, origin.requests().size());
        await().until(() -> tack.subscriptions() == 1);
        publishWs("room", "{\"content\":\"hello room\"}");
        await().until(() -> client.texts.contains("hello room"));
    }

    @Test
    void clientTextReachesTheOriginAndItsRepliesReachTheClient() throws Exception {
        WohOrigin origin = origin("room", request -> {
            WsOverHttpResponse reply = new WsOverHttpResponse();
            for (WsEvent event : request.messages()) {
                reply.send("echo: " + event.text());
            }
            return reply;
        });
        WsClients.Client client = clients.connect(ws("/ws"));
        client.send("first");
        client.send("second");
        await().until(() -> client.texts.size() == 2);
        assertEquals(List.of("echo: first", "echo: second"), client.texts);
        String connectionId = origin.requests().get(0).connectionId();
        assertTrue(origin.requests().stream().allMatch(r -> r.connectionId().equals(connectionId)));
        List<String> received = new ArrayList<>();
        origin.requests().forEach(r -> r.messages().forEach(m -> received.add(m.text())));
        assertEquals(List.of("first", "second"), received);
    }

    @Test
    void unprefixedOriginMessagesAreDroppedWithGripOn() throws Exception {
        new WohOrigin(server, "/ws", request -> request.isOpening()
                ? new WsOverHttpResponse().accept().event(WsEvent.text("no prefix")).send("with prefix")
                : new WsOverHttpResponse());
        WsClients.Client client = clients.connect(ws("/ws"));
        await().until(() -> client.texts.contains("with prefix"));
        assertFalse(client.texts.contains("no prefix"));
    }

    @Test
    void binaryPublishArrivesAsBinary() throws Exception {
        origin("bin", WebSocketOverHttpTest::nothing);
        WsClients.Client client = clients.connect(ws("/ws"));
        await().until(() -> tack.subscriptions() == 1);
        publishWs("bin", "{\"content-bin\":\"AAEC/w==\"}");
        await().until(() -> client.binaries.size() == 1);
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, client.binaries.get(0));
    }

    @Test
    void closeActionClosesWithCodeAndReason() throws Exception {
        WohOrigin origin = origin("bye", WebSocketOverHttpTest::nothing);
        WsClients.Client client = clients.connect(ws("/ws"));
        await().until(() -> tack.subscriptions() == 1);
        publishWs("bye", "{\"action\":\"close\",\"code\":4001,\"reason\":\"bye now\"}");
        assertEquals("bye now", client.closed.get());
        assertEquals(4001, client.closeCode);
        await().until(() -> origin.requests().stream().anyMatch(r -> r.closeEvent().isPresent()));
        assertEquals(4001, origin.requests().stream().filter(r -> r.closeEvent().isPresent()).findFirst()
                .orElseThrow().closeEvent().orElseThrow().closeCode());
        await().until(() -> tack.subscriptions() == 0);
    }

    @Test
    void clientCloseReachesTheOriginAsClose() throws Exception {
        WohOrigin origin = origin("c", request -> request.closeEvent().isPresent()
                ? new WsOverHttpResponse().close(request.closeEvent().get().closeCode(), "ok")
                : new WsOverHttpResponse());
        WsClients.Client client = clients.connect(ws("/ws"));
        client.socket().sendClose(1000, "done").join();
        client.closed.get();
        assertEquals(1000, client.closeCode);
        WsOverHttpRequest closing = origin.requests().get(origin.requests().size() - 1);
        assertEquals(1, closing.events().size());
        assertEquals(1000, closing.closeEvent().orElseThrow().closeCode());
        assertEquals("done", closing.closeEvent().orElseThrow().closeReason());
    }

    @Test
    void originDisconnectEndsTheClientConnection() throws Exception {
        origin("d", request -> new WsOverHttpResponse().disconnect());
        WsClients.Client client = clients.connect(ws("/ws"));
        client.send("anything");
        // The connection is dropped without a close frame: the client reports an abnormal end.
        await().until(client.closed::isDone);
        assertTrue(client.closed.isCompletedExceptionally() || client.closeCode == 1006, "close code " + client.closeCode);
        await().until(() -> tack.subscriptions() == 0);
    }

    @Test
    void unsubscribeStopsPublishes() throws Exception {
        origin("news", request -> new WsOverHttpResponse().unsubscribe("news").send("left"));
        WsClients.Client client = clients.connect(ws("/ws"));
        await().until(() -> tack.subscriptions() == 1);
        client.send("leave");
        await().until(() -> client.texts.contains("left"));
        await().until(() -> tack.subscriptions() == 0);
    }

    @Test
    void detachClosesTheOriginSideButPublishesStillArrive() throws Exception {
        WohOrigin origin = origin("feed", request -> request.messages().isEmpty() ? new WsOverHttpResponse()
                : new WsOverHttpResponse().detach());
        WsClients.Client client = clients.connect(ws("/ws"));
        client.send("detach me");
        await().until(() -> origin.requests().stream().anyMatch(r -> r.closeEvent().isPresent()));
        int requests = origin.requests().size();
        client.send("nobody hears this");
        publishWs("feed", "{\"content\":\"still here\"}");
        await().until(() -> client.texts.contains("still here"));
        assertEquals(requests, origin.requests().size());
        assertFalse(client.closed.isDone());
    }

    @Test
    void keepAliveControlMessageIsSentWhenIdle() throws Exception {
        new WohOrigin(server, "/ws", request -> request.isOpening()
                ? new WsOverHttpResponse().accept().keepAlive("ka", 1) : new WsOverHttpResponse());
        WsClients.Client client = clients.connect(ws("/ws"));
        tack.advanceUntil(Duration.ofSeconds(2), () -> client.texts.contains("ka"));
    }

    @Test
    void setMetaIsSentBackAsMeta() throws Exception {
        WohOrigin origin = new WohOrigin(server, "/ws", request -> request.isOpening()
                ? new WsOverHttpResponse().accept().setMeta("User", "alice") : new WsOverHttpResponse().send("ok"));
        WsClients.Client client = clients.connect(ws("/ws"));
        client.send("hi");
        await().until(() -> client.texts.contains("ok"));
        assertEquals("alice", origin.requests().get(1).meta("User").orElse(null));
    }

    @Test
    void originRefusingTheOpenGivesTheClientThatStatus() {
        server.on("/ws", r -> OriginServer.Reply.of(403, "no entry\n", "Content-Type", "text/plain"));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> clients.attempt(ws("/ws")).get());
        WebSocketHandshakeException handshake = (WebSocketHandshakeException) failed.getCause();
        assertEquals(403, handshake.getResponse().statusCode());
    }

    @Test
    void gripExtensionNeverReachesTheClient() throws Exception {
        origin("x", WebSocketOverHttpTest::nothing);
        WsClients.Client client = clients.connect(ws("/ws"));
        assertNotNull(client.socket());
        assertEquals("", client.socket().getSubprotocol());
    }

    @Test
    void malformedReplyClosesOnlyThatConnection() throws Exception {
        WohOrigin origin = origin("m", request -> new WsOverHttpResponse().send("fine"));
        server.on("/broken", r -> new OriginServer.Reply(200, List.of(java.util.Map.entry("Content-Type",
                "application/websocket-events")), "OPEN\r\nTEXT 99\r\nshort\r\n".getBytes(StandardCharsets.UTF_8)));
        WsClients.Client healthy = clients.connect(ws("/ws"));
        assertThrows(ExecutionException.class, () -> clients.attempt(ws("/broken")).get());
        healthy.send("still fine?");
        await().until(() -> healthy.texts.contains("fine"));
        assertTrue(origin.requests().size() >= 2);
        assertEquals(WsEventType.TEXT, origin.requests().get(1).events().get(0).type());
    }

    @Test
    void keepAliveIntervalPollsTheOriginWithAnEmptyRequest() throws Exception {
        WohOrigin origin = new WohOrigin(server, "/ws", request -> request.isOpening()
                ? new WsOverHttpResponse().accept().keepAliveInterval(5)
                : new WsOverHttpResponse().send("polled").keepAliveInterval(5));
        WsClients.Client client = clients.connect(ws("/ws"));
        // Intervals below 20 s are raised to 20 s (docs/compatibility.md "WebSocket-over-HTTP").
        tack.advance(Duration.ofSeconds(19));
        assertEquals(1, origin.requests().size(), "no poll before 20 s");
        tack.advanceUntil(Duration.ofSeconds(1), () -> client.texts.contains("polled"));
        WsOverHttpRequest poll = origin.requests().get(1);
        assertTrue(poll.events().isEmpty(), "a poll carries no events: " + poll.events());
    }

    @Test
    void originGoingDownMidConnectionEndsTheClient() throws Exception {
        origin("down", WebSocketOverHttpTest::nothing);
        WsClients.Client client = clients.connect(ws("/ws"));
        await().until(() -> tack.subscriptions() == 1);
        server.close();
        client.send("is anyone there?");
        // Five retries with backoff (50 ms doubling here), then the client is closed.
        tack.advanceUntil(Duration.ofSeconds(1), client.closed::isDone);
        await().until(() -> tack.subscriptions() == 0);
    }

    @Test
    void replyShorterThanItsContentLengthFailsTheConnectionInsteadOfHanging() throws Exception {
        DrivenTime liarTime = new DrivenTime();
        try (java.net.ServerSocket liar = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                TackFixture lying = TackFixture.start(List.of("* 127.0.0.1:" + liar.getLocalPort() + ",over_http"),
                        s -> s.originTimings(new OriginTimings(2000, 1500, 50, 10_000)), liarTime)) {
            Thread origin = new Thread(() -> {
                try (java.net.Socket socket = liar.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    // Claims ten bytes and sends none, like an Express origin answering sendStatus(204).
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/websocket-events\r\n"
                            + "Content-Length: 10\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.getInputStream().read(new byte[8192]);
                } catch (java.io.IOException ignored) {
                    // the proxy gave up on us, which is the point
                }
            }, "lying-origin");
            origin.setDaemon(true);
            origin.start();
            var handshake = clients.attempt(URI.create("ws://127.0.0.1:" + lying.clientPort() + "/ws"));
            lying.advanceUntil(Duration.ofSeconds(2), handshake::isDone);
            ExecutionException failed = assertThrows(ExecutionException.class, handshake::get);
            assertEquals(502, ((WebSocketHandshakeException) failed.getCause()).getResponse().statusCode());
        }
    }
}
