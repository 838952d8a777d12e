package dev.tack.proxy.publish.zmq;

import static dev.tack.proxy.publish.zmq.ZmqTestbed.awaitBody;
import static dev.tack.proxy.publish.zmq.ZmqTestbed.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tack.proxy.testing.StreamClients.Stream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** The REP command socket over loopback TCP, asked by a REQ client as Pushpin's {@code tools/command.py} asks. */
class ZmqCommandSocketTest {

    private static final String ITEM = "66:7:channel,4:news,7:formats,35:11:http-stream,16:7:content,3:hi\n,}}}";

    /** Sends {@code {id: "42", method: <method>[, args: <args>]}} and returns the parsed reply. */
    private static JsonNode call(ZMQ.Socket req, String method, String args) throws TnetstringException {
        String body = "2:id,2:42,6:method," + method.length() + ":" + method + ","
                + (args == null ? "" : "4:args," + args);
        req.send(bytes(body.length() + ":" + body + "}"));
        byte[] reply = req.recv();
        assertNotNull(reply, "no reply to " + method);
        return Tnetstring.parse(reply, 0);
    }

    private static String text(JsonNode node) throws Exception {
        return new String(node.binaryValue(), StandardCharsets.UTF_8);
    }

    @Test
    void publishCommandDeliversItemsAndAnswersSuccess() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("news");
            ZMQ.Socket req = bed.connect(SocketType.REQ, bed.endpoints().command());
            String items = "5:items," + (ITEM.length() + ITEM.length()) + ":" + ITEM + ITEM + "]";
            JsonNode reply = call(req, "publish", items.length() + ":" + items + "}");
            assertEquals("42", text(reply.get("id")));
            assertTrue(reply.get("success").booleanValue());
            assertTrue(reply.get("value").isNull());
            awaitBody(stream, "hi\nhi\n");
        }
    }

    @Test
    void publishCommandWithBadItemAnswersBadRequestAndPublishesNothing() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("news");
            ZMQ.Socket req = bed.connect(SocketType.REQ, bed.endpoints().command());
            String bad = "17:7:channel,4:news,}";
            String items = "5:items," + (ITEM.length() + bad.length()) + ":" + ITEM + bad + "]";
            JsonNode reply = call(req, "publish", items.length() + ":" + items + "}");
            assertEquals("bad-request", text(reply.get("condition")));
            assertEquals("Invalid format: no formats specified", text(reply.get("value")));
            String good = "5:items," + ITEM.length() + ":" + ITEM + "]";
            assertTrue(call(req, "publish", good.length() + ":" + good + "}").get("success").booleanValue());
            awaitBody(stream, "hi\n");
        }
    }

    @Test
    void recoverCommandAnswersSuccess() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            JsonNode reply = call(bed.connect(SocketType.REQ, bed.endpoints().command()), "recover", null);
            assertTrue(reply.get("success").booleanValue());
        }
    }

    @Test
    void getZmqUrisAnswersTheBoundEndpoints() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            ZmqInputs.Endpoints endpoints = bed.endpoints();
            JsonNode value = call(bed.connect(SocketType.REQ, endpoints.command()), "get-zmq-uris", null).get("value");
            assertEquals(endpoints.command(), text(value.get("command")));
            assertEquals(endpoints.pull(), text(value.get("publish-pull")));
            assertEquals(endpoints.sub().get(0), text(value.get("publish-sub")));
            assertTrue(endpoints.pull().matches("tcp://127\\.0\\.0\\.1:[0-9]+"), endpoints.pull());
        }
    }

    @Test
    void unknownMethodAnswersMethodNotFound() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            JsonNode reply = call(bed.connect(SocketType.REQ, bed.endpoints().command()), "frobnicate", null);
            assertEquals(false, reply.get("success").booleanValue());
            assertEquals("method-not-found", text(reply.get("condition")));
        }
    }

    @Test
    void malformedRequestsAreAnsweredAndTheSocketKeepsServing() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            ZMQ.Socket req = bed.connect(SocketType.REQ, bed.endpoints().command());
            req.send(bytes("{\"method\": \"recover\"}"));
            assertEquals("bad-format", text(Tnetstring.parse(req.recv(), 0).get("condition")));
            req.sendMore(bytes("19:6:method,7:recover,}"));
            req.send(bytes("extra"));
            JsonNode twoParts = Tnetstring.parse(req.recv(), 0);
            assertEquals("request of 2 parts (expected: 1)", text(twoParts.get("value")));
            assertTrue(call(req, "recover", null).get("success").booleanValue());
        }
    }
}
