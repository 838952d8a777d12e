package dev.tack.proxy.publish.zmq;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pushpin's {@code conncheck} over the command socket: a publisher asks which of its WebSocket-over-HTTP
 * connections (by {@code Connection-Id}) are still open, and Tack answers with those on this node.
 */
class ConncheckTest {

    private static List<String> conncheck(ZMQ.Socket req, String... ids) throws Exception {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("method", "conncheck".getBytes(StandardCharsets.UTF_8));
        var list = request.putObject("args").putArray("ids");
        for (String id : ids) {
            list.add(id.getBytes(StandardCharsets.UTF_8));
        }
        req.send(Tnetstring.encode(request));
        JsonNode reply = Tnetstring.parse(req.recv(), 0);
        assertEquals(true, reply.get("success").booleanValue(), reply.toString());
        List<String> open = new ArrayList<>();
        for (JsonNode id : reply.get("value")) {
            open.add(new String(id.binaryValue(), StandardCharsets.UTF_8));
        }
        return open;
    }

    @Test
    void conncheckNamesTheConnectionsStillOpenHere() throws Exception {
        WsClients clients = new WsClients();
        try (OriginServer server = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + server.port() + ",over_http"),
                        s -> s.zmq(ZmqSettings.loopback()));
                ZContext zmq = new ZContext(1)) {
            new WohOrigin(server, "/ws", request -> request.isOpening()
                    ? new WsOverHttpResponse().accept().subscribe("room") : new WsOverHttpResponse());
            WsClients.Client client = clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/ws"));
            await().atMost(Duration.ofSeconds(10)).until(() -> tack.subscriptions() == 1);
            String id = server.received().get(0).header("Connection-Id");
            ZMQ.Socket req = zmq.createSocket(SocketType.REQ);
            req.setReceiveTimeOut(20_000);
            req.connect(tack.server().zmqInputs().endpoints().command());
            assertEquals(List.of(id), conncheck(req, "gone-before", id));
            client.socket().sendClose(1000, "bye").join();
            await().atMost(Duration.ofSeconds(10)).until(() -> tack.subscriptions() == 0);
            assertEquals(List.of(), conncheck(req, id));
        }
    }
}
