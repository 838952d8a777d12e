package dev.tack.proxy.publish.zmq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.publish.PublishService;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The zrpc replies of the command socket, without the socket. Replies are compared as tnetstring text. */
class ZmqCommandsTest {

    private static final String ITEM = "68:7:channel,4:test,7:formats,37:11:http-stream,18:7:content,5:hello,}}}";

    private static EventLoopGroup loops;
    private static ZmqCommands commands;
    private static TackMetrics metrics;

    @BeforeAll
    static void start() {
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        SubscriptionRegistry registry = new SubscriptionRegistry(loops);
        PublishService service = PublishService.local(registry, PooledByteBufAllocator.DEFAULT,
                new TackMetrics(""), 5000, 0, loops.next(), dev.tack.proxy.time.TimeSource.LOOPS);
        ObjectNode uris = JsonNodeFactory.instance.objectNode();
        uris.put("command", "tcp://127.0.0.1:5563").put("publish-pull", "tcp://127.0.0.1:5560");
        metrics = new TackMetrics("");
        commands = new ZmqCommands(service, metrics, registry, uris);
    }

    @AfterAll
    static void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String answer(String request) {
        return new String(commands.answer(request.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    /** A request {@code {id: "1", method: <method>, args: <args>}}; {@code args} is tnetstring text or null. */
    private static String request(String method, String args) {
        String body = "2:id,1:1,6:method," + method.length() + ":" + method + ","
                + (args == null ? "" : "4:args," + args);
        return body.length() + ":" + body + "}";
    }

    private static String items(String... items) {
        String list = String.join("", items);
        String body = "5:items," + list.length() + ":" + list + "]";
        return body.length() + ":" + body + "}";
    }

    private static JsonNode parse(String reply) throws TnetstringException {
        return Tnetstring.parse(reply.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    @Test
    void publishAnswersSuccessWithNullValueAndEchoesId() {
        assertEquals("37:2:id,1:1,7:success,4:true!5:value,0:~}", answer(request("publish", items(ITEM))));
    }

    @Test
    void requestWithoutIdGetsReplyWithoutId() {
        assertEquals("28:7:success,4:true!5:value,0:~}", answer("19:6:method,7:recover,}"));
    }

    @Test
    void publishWithoutItemsIsBadRequest() {
        assertEquals("113:2:id,1:1,7:success,5:false!9:condition,11:bad-request,5:value,"
                + "47:Invalid format: object does not contain 'items',}", answer(request("publish", null)));
    }

    @Test
    void publishWithItemsOfWrongTypeIsBadRequest() throws Exception {
        JsonNode reply = parse(answer(request("publish", "12:5:items,1:x,}")));
        assertEquals("Invalid format: object contains 'items' with wrong type", text(reply.get("value")));
    }

    @Test
    void publishWithBadItemIsBadRequestWithPushpinsItemError() throws Exception {
        String noChannel = "46:7:formats,32:11:http-stream,13:7:content,0:,}}}";
        JsonNode reply = parse(answer(request("publish", items(ITEM, noChannel))));
        assertEquals(false, reply.get("success").booleanValue());
        assertEquals("bad-request", text(reply.get("condition")));
        assertEquals("Invalid format: publish item object does not contain 'channel'", text(reply.get("value")));
    }

    @Test
    void recoverAnswersSuccess() {
        assertEquals("37:2:id,1:1,7:success,4:true!5:value,0:~}", answer(request("recover", null)));
    }

    @Test
    void getZmqUrisAnswersTheSpecs() throws Exception {
        JsonNode value = parse(answer(request("get-zmq-uris", null))).get("value");
        assertEquals("tcp://127.0.0.1:5563", text(value.get("command")));
        assertEquals("tcp://127.0.0.1:5560", text(value.get("publish-pull")));
        assertEquals(2, value.size());
    }

    @Test
    void unknownMethodIsMethodNotFound() {
        assertEquals("59:2:id,1:1,7:success,5:false!9:condition,16:method-not-found,}",
                answer(request("frobnicate", null)));
    }

    @Test
    void refreshTakesAChannelOrAConnection() throws Exception {
        assertEquals("true", parse(answer(request("refresh", "17:7:channel,4:test,}"))).get("success").asText());
        assertEquals("true", parse(answer(request("refresh", "11:3:cid,2:c1,}"))).get("success").asText());
        String neither = answer(request("refresh", "0:}"));
        assertEquals("bad-request", text(parse(neither).get("condition")));
    }

    @Test
    void conncheckAnswersTheIdsThatAreOpenHere() throws Exception {
        // No connection is open in this registry: every id asked about is missing from the answer.
        JsonNode reply = parse(answer(request("conncheck", "20:3:ids,10:2:c1,2:c2,]}")));
        assertEquals(true, reply.get("success").booleanValue(), reply.toString());
        assertEquals(0, reply.get("value").size(), reply.toString());
    }

    @Test
    void conncheckWithoutAListOfIdsIsBadRequest() throws Exception {
        assertEquals("bad-request", text(parse(answer(request("conncheck", "0:}"))).get("condition")));
        JsonNode notBytes = parse(answer(request("conncheck", "13:3:ids,4:1:1#]}")));
        assertEquals("conncheck 'ids': an integer in the list (expected: byte strings)", text(notBytes.get("value")));
    }

    @Test
    void reportAnswersThisNodesCountersUnderPushpinsNames() throws Exception {
        metrics.requestReceived();
        JsonNode value = parse(answer(request("report", null))).get("value");
        assertEquals(1, value.get("requests-received").asLong());
        assertEquals(0, value.get("connections").asLong());
        assertEquals(true, value.has("received") && value.has("sent"), value.toString());
    }

    @Test
    void requestThatIsNotTnetstringIsBadFormat() throws Exception {
        JsonNode reply = parse(answer("{\"method\":\"recover\"}"));
        assertEquals("bad-format", text(reply.get("condition")));
        assertEquals("invalid tnetstring: length at offset 0 starts with '{\"method\":\"r...' "
                + "(expected: up to 9 decimal digits, then ':')", text(reply.get("value")));
    }

    @Test
    void requestThatIsNotADictionaryIsBadFormat() throws Exception {
        assertEquals("request is a byte string (expected: a dictionary with 'method')",
                text(parse(answer("7:recover,")).get("value")));
    }

    @Test
    void requestWithoutMethodIsBadFormatAndKeepsId() throws Exception {
        JsonNode reply = parse(answer("9:2:id,1:1,}"));
        assertEquals("1", text(reply.get("id")));
        assertEquals("request has no 'method' (expected: a method name such as publish)", text(reply.get("value")));
    }

    @Test
    void argsThatAreNotADictionaryAreBadFormat() throws Exception {
        assertEquals("request 'args' is not a dictionary",
                text(parse(answer(request("publish", "0:]"))).get("value")));
    }

    private static String text(JsonNode node) throws Exception {
        return new String(node.binaryValue(), StandardCharsets.UTF_8);
    }
}
