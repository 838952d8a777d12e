package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.proxy.publish.zmq.ZmqSettings;
import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pushpin's commands reach the held connections (docs/compatibility.md "Reliable GRIP"): a published {@code refresh}
 * and the ZeroMQ {@code refresh} command, by channel or by connection id, make a WebSocket-over-HTTP connection ask its
 * origin for pending events (a request with no events); the ZeroMQ {@code recover} command makes a long-poll ask its
 * origin again.
 */
class CommandsReachHoldsTest {

    private OriginServer origin;
    private TackFixture tack;
    private WohOrigin woh;
    private final ZContext zmq = new ZContext(1);

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"),
                s -> s.zmq(ZmqSettings.loopback()).reliability(new ReliableGrip.Settings(false, 60_000)));
        woh = new WohOrigin(origin, "/ws", r -> r.isOpening() ? new WsOverHttpResponse().accept().subscribe("room")
                : new WsOverHttpResponse());
    }

    @AfterEach
    void stop() {
        zmq.close();
        tack.close();
        origin.close();
    }

    private WsClients.Client connect() throws Exception {
        WsClients.Client client = new WsClients().connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/ws"));
        await().until(() -> tack.subscriptions() == 1);
        return client;
    }

    /** Requests after OPEN that carry no events: what a refresh sends. */
    private long refreshes() {
        return woh.requests().stream().filter(r -> !r.isOpening() && r.events().isEmpty()).count();
    }

    /** Sends {@code {method: <method>, args: <args>}} (tnetstrings) to the command socket; returns the reply. */
    private String command(String method, String args) {
        try (ZMQ.Socket req = zmq.createSocket(SocketType.REQ)) {
            req.setReceiveTimeOut(20_000);
            // JeroMQ 0.6.0 may leave a fresh connection without a handshake (zeromq/jeromq#1022): drop and reconnect.
            req.setHandshakeIvl(1000);
            req.connect(tack.server().zmqInputs().endpoints().command());
            String body = "6:method," + method.length() + ":" + method + "," + (args == null ? "" : "4:args," + args);
            req.send((body.length() + ":" + body + "}").getBytes(StandardCharsets.UTF_8));
            byte[] reply = req.recv();
            return reply == null ? null : new String(reply, StandardCharsets.UTF_8);
        }
    }

    private static String bytesArg(String name, String value) {
        String pair = name.length() + ":" + name + "," + value.length() + ":" + value + ",";
        return pair.length() + ":" + pair + "}";
    }

    @Test
    void aPublishedRefreshMakesTheOriginAskedForPendingEvents() throws Exception {
        connect();
        tack.publish("{\"items\":[{\"channel\":\"room\",\"formats\":{\"ws-message\":{\"action\":\"refresh\"}}}]}");
        await().until(() -> refreshes() == 1);
    }

    @Test
    void theRefreshCommandFindsConnectionsByChannelAndById() throws Exception {
        connect();
        String reply = command("refresh", bytesArg("channel", "room"));
        assertTrue(reply.contains("7:success,4:true!"), reply);
        await().until(() -> refreshes() == 1);
        String cid = woh.requests().get(0).connectionId();
        reply = command("refresh", bytesArg("cid", cid));
        assertTrue(reply.contains("7:success,4:true!"), reply);
        await().until(() -> refreshes() == 2);
        assertEquals(0, tack.metric("tack_command_unsupported_total"));
    }

    @Test
    void theRecoverCommandAsksALongPollsOriginAgain() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        origin.on("/poll", r -> polls.getAndIncrement() == 0
                ? Reply.of(200, "timeout\n", "Grip-Hold", "response", "Grip-Channel", "news")
                : Reply.of(200, "asked again\n"));
        CompletableFuture<HttpResponse<String>> poll = tack.http().sendAsync(
                HttpRequest.newBuilder(tack.clientUri("/poll")).build(), HttpResponse.BodyHandlers.ofString());
        await().until(() -> tack.subscriptions() == 1);
        String reply = command("recover", null);
        assertTrue(reply.contains("7:success,4:true!"), reply);
        assertEquals("asked again\n", poll.get().body());
    }
}
