package dev.tack.demo.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.api.sig.GripSigKey;
import dev.tack.api.sig.GripSigner;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventCodec;
import dev.tack.api.ws.WsEventType;
import dev.tack.demo.DemoHarness;
import dev.tack.demo.PublishRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The board's WebSocket-over-HTTP endpoint, over loopback, one test per message type and rule. */
class QaSocketTest {
    private static final String WS = "/api/websocket?roomId=demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoHarness demo;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoHarness();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private List<WsEvent> send(String cid, String... messages) throws Exception {
        List<WsEvent> events = new ArrayList<>();
        for (String m : messages) {
            events.add(WsEvent.text(m));
        }
        return demo.exchange(WS, cid, events);
    }

    private void join(String cid) throws Exception {
        demo.exchange(WS, cid, List.of(WsEvent.open()));
    }

    private String postQuestion(String user, String qid, String text) {
        return "{\"type\":\"QUESTION_POST_TO_ROOM\",\"userId\":\"" + user + "\",\"roomId\":\"demo\",\"questionId\":\""
                + qid + "\",\"questionText\":\"" + text + "\"}";
    }

    @Test
    void openingIsAcceptedSubscribedToTheRoomWithKeepAlive() throws Exception {
        HttpResponse<byte[]> response = demo.sendBytes(demo.wsOverHttp(WS, "c1", List.of(WsEvent.open())).build());
        assertEquals(200, response.statusCode());
        assertEquals("grip", response.headers().firstValue("Sec-WebSocket-Extensions").orElseThrow());
        assertEquals("20", response.headers().firstValue("Keep-Alive-Interval").orElseThrow());
        assertEquals(List.of(WsEvent.open(),
                        WsEvent.text("c:{\"type\":\"subscribe\",\"channel\":\"room-demo\"}"),
                        WsEvent.text("c:{\"type\":\"keep-alive\",\"content\":\"{}\",\"timeout\":20,\"mode\":\"idle\"}")),
                WsEventCodec.decode(response.body()));
        assertEquals(OptionalInt.of(1), demo.server.qaStore().subscriptionCount("room-demo"));
        assertEquals("New Room: demo", demo.server.qaStore().room("demo").orElseThrow().displayName());
    }

    @Test
    void userInfoUpdatePublishesTheUserToTheConnectionsRoom() throws Exception {
        join("c1");
        List<WsEvent> reply = send("c1",
                "{\"type\":\"USERINFO_UPDATE\",\"userId\":\"alice\",\"userData\":{\"displayName\":\"Alice\"}}");
        assertEquals(List.of(), reply);
        PublishRecorder.Publish p = demo.publishes.take();
        assertEquals("/publish/", p.target());
        assertEquals("room-demo", p.channel());
        assertEquals(JSON.readTree("{\"type\":\"USERINFO_UPDATE_PASSIVE\",\"userInfo\":{\"id\":\"alice\","
                + "\"displayName\":\"Alice\"},\"eventId\":\"1\"}"), p.wsJson());
        assertEquals("1", p.items().get(0).get("id").asText(), "the room's first message");
    }

    @Test
    void roomInfoUpdatePublishesTheRoom() throws Exception {
        join("c1");
        send("c1", "{\"type\":\"ROOMINFO_UPDATE\",\"roomId\":\"demo\",\"roomData\":{\"displayName\":\"Town hall\","
                + "\"themeColor\":\"#D35192\"}}");
        assertEquals(JSON.readTree("{\"type\":\"ROOMINFO_UPDATE_PASSIVE\",\"roomInfo\":{\"id\":\"demo\","
                + "\"displayName\":\"Town hall\",\"themeColor\":\"#d35192\"},\"eventId\":\"1\"}"),
                demo.publishes.take().wsJson());
    }

    @Test
    void roomInfoUpdateKeepsFieldsItDoesNotName() throws Exception {
        join("c1");
        send("c1", "{\"type\":\"ROOMINFO_UPDATE\",\"roomData\":{\"themeColor\":\"#188c2d\"}}");
        JsonNode room = demo.publishes.take().wsJson().get("roomInfo");
        assertEquals("New Room: demo", room.get("displayName").asText());
        assertEquals("#188c2d", room.get("themeColor").asText());
    }

    @Test
    void questionPostStartsUpvotedByItsAuthor() throws Exception {
        join("c1");
        send("c1", "{\"type\":\"USERINFO_UPDATE\",\"userId\":\"alice\",\"userData\":{\"displayName\":\"Alice\"}}");
        demo.publishes.take();
        send("c1", postQuestion("alice", "q1", "Does it scale?"));
        JsonNode m = demo.publishes.take().wsJson();
        assertEquals("QUESTION_UPDATE_INFO_PASSIVE", m.get("type").asText());
        assertEquals("demo", m.get("roomId").asText());
        assertEquals("q1", m.get("questionId").asText());
        assertEquals("Does it scale?", m.get("questionText").asText());
        assertEquals("alice", m.get("author").asText());
        assertEquals(JSON.readTree("[\"alice\"]"), m.get("upVotes"));
        assertEquals("Alice", m.get("userInfo").get("displayName").asText());
        assertTrue(m.get("questionTimestamp").asText().endsWith("Z"), m.toString());
    }

    @Test
    void questionPostWithAnExistingIdIsRefusedToTheSenderOnly() throws Exception {
        join("c1");
        send("c1", postQuestion("alice", "q1", "first"));
        demo.publishes.take();
        List<WsEvent> reply = send("c1", postQuestion("alice", "q1", "again"));
        assertEquals(1, reply.size());
        assertEquals("m:{\"type\":\"ERROR\",\"message\":\"Already exists: question q1 in room demo\"}",
                reply.get(0).text());
        assertTrue(demo.publishes.isEmpty());
    }

    @Test
    void questionAnswerPublishesTheAnswer() throws Exception {
        join("c1");
        send("c1", postQuestion("alice", "q1", "Why?"));
        demo.publishes.take();
        send("c1", "{\"type\":\"QUESTION_POST_ANSWER\",\"roomId\":\"demo\",\"questionId\":\"q1\","
                + "\"answerAuthor\":\"host\",\"answerText\":\"Because.\"}");
        JsonNode m = demo.publishes.take().wsJson();
        assertEquals("QUESTION_UPDATE_INFO_PASSIVE", m.get("type").asText());
        assertEquals("host", m.get("answerAuthor").asText());
        assertEquals("Because.", m.get("answerText").asText());
        assertTrue(m.hasNonNull("answerTimestamp"));
        assertTrue(m.get("userInfo").isNull(), "host never set a name");
        assertEquals("Because.", demo.server.qaStore().questions("demo").get(0).answerText());
    }

    @Test
    void questionDeletePublishesTheDeletion() throws Exception {
        join("c1");
        send("c1", postQuestion("alice", "q1", "Why?"));
        demo.publishes.take();
        send("c1", "{\"type\":\"QUESTION_DELETE\",\"userId\":\"host\",\"roomId\":\"demo\",\"questionId\":\"q1\"}");
        assertEquals(JSON.readTree("{\"type\":\"QUESTION_DELETE_PASSIVE\",\"roomId\":\"demo\",\"questionId\":\"q1\","
                + "\"eventId\":\"2\"}"), demo.publishes.take().wsJson());
        assertEquals(List.of(), demo.server.qaStore().questions("demo"));
    }

    @Test
    void questionUpvoteAddsTheVoterAndPublishesTheVotes() throws Exception {
        join("c1");
        send("c1", postQuestion("alice", "q1", "Why?"));
        demo.publishes.take();
        send("c1", "{\"type\":\"QUESTION_UPVOTE\",\"userId\":\"bob\",\"roomId\":\"demo\",\"questionId\":\"q1\","
                + "\"removeUpvote\":false}");
        JsonNode m = demo.publishes.take().wsJson();
        assertEquals("QUESTION_UPVOTE_PASSIVE", m.get("type").asText());
        assertEquals(JSON.readTree("[\"alice\",\"bob\"]"), m.get("upVotes"));
    }

    @Test
    void questionUpvoteWithRemoveTakesTheVoteBack() throws Exception {
        join("c1");
        send("c1", postQuestion("alice", "q1", "Why?"));
        demo.publishes.take();
        send("c1", "{\"type\":\"QUESTION_UPVOTE\",\"userId\":\"alice\",\"roomId\":\"demo\",\"questionId\":\"q1\","
                + "\"removeUpvote\":true}");
        JsonNode m = demo.publishes.take().wsJson();
        assertEquals(JSON.readTree("[]"), m.get("upVotes"));
        assertTrue(m.get("userInfo").isNull());
    }

    @Test
    void votingTwiceCountsOnce() throws Exception {
        join("c1");
        send("c1", postQuestion("alice", "q1", "Why?"));
        demo.publishes.take();
        send("c1", "{\"type\":\"QUESTION_UPVOTE\",\"userId\":\"alice\",\"questionId\":\"q1\"}");
        assertEquals(JSON.readTree("[\"alice\"]"), demo.publishes.take().wsJson().get("upVotes"));
    }

    @Test
    void upvoteOfAMissingQuestionIsRefused() throws Exception {
        join("c1");
        List<WsEvent> reply = send("c1", "{\"type\":\"QUESTION_UPVOTE\",\"userId\":\"bob\",\"questionId\":\"nope\"}");
        assertEquals("m:{\"type\":\"ERROR\",\"message\":\"Not Found: question nope in room demo\"}",
                reply.get(0).text());
    }

    @Test
    void badMessagesAreAnsweredWithAnErrorNamingTheField() throws Exception {
        join("c1");
        List<WsEvent> reply = send("c1", "{\"type\":\"QUESTION_POST_TO_ROOM\",\"userId\":\"alice\","
                + "\"questionId\":\"q1\"}", "not json", "{\"type\":\"DANCE\"}");
        assertEquals(3, reply.size());
        assertTrue(reply.get(0).text().contains("QUESTION_POST_TO_ROOM: questionText: missing (expected: 1-500"),
                reply.get(0).text());
        assertTrue(reply.get(1).text().contains("message is not JSON"), reply.get(1).text());
        assertTrue(reply.get(2).text().contains("type: \\\"DANCE\\\" (expected: one of USERINFO_UPDATE"),
                reply.get(2).text());
        assertTrue(demo.publishes.isEmpty());
    }

    @Test
    void severalMessagesInOneRequestArePublishedInOneRequest() throws Exception {
        join("c1");
        send("c1", postQuestion("alice", "q1", "one"), postQuestion("alice", "q2", "two"));
        PublishRecorder.Publish p = demo.publishes.take();
        assertEquals(2, p.items().size());
        assertTrue(demo.publishes.isEmpty());
    }

    @Test
    void closeIsAnsweredWithCloseAndForgetsTheConnection() throws Exception {
        join("c1");
        List<WsEvent> reply = demo.exchange(WS, "c1", List.of(WsEvent.close(1000, "")));
        assertEquals(1, reply.size());
        assertEquals(WsEventType.CLOSE, reply.get(0).type());
        assertEquals(1000, reply.get(0).closeCode());
        assertEquals(OptionalInt.of(0), demo.server.qaStore().subscriptionCount("room-demo"));
    }

    @Test
    void disconnectForgetsTheConnection() throws Exception {
        join("c1");
        join("c2");
        demo.exchange(WS, "c1", List.of(WsEvent.disconnect()));
        assertEquals(OptionalInt.of(1), demo.server.qaStore().subscriptionCount("room-demo"));
    }

    @Test
    void failedPublishIsReportedToTheSender() throws Exception {
        join("c1");
        demo.publishes.failWith(503);
        List<WsEvent> reply = send("c1", postQuestion("alice", "q1", "Why?"));
        assertTrue(reply.get(0).text().contains("could not be published: publish to"), reply.get(0).text());
        assertTrue(reply.get(0).text().contains("answered 503"), reply.get(0).text());
    }

    @Test
    void unsignedRequestIsRefused() throws Exception {
        HttpResponse<String> response = demo.send(demo.request(WS)
                .header("Content-Type", "application/websocket-events")
                .header("Accept", "application/websocket-events")
                .header("Connection-Id", "c1")
                .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n")).build());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().startsWith("Grip-Sig header missing"), response.body());
    }

    @Test
    void requestSignedWithAnotherKeyIsRefused() throws Exception {
        String forged = new GripSigner(GripSigKey.parse("other", null), "pushpin")
                .sign(System.currentTimeMillis() / 1000);
        HttpResponse<String> response = demo.send(demo.wsOverHttp(WS, "c1", List.of(WsEvent.open()))
                .setHeader("Grip-Sig", forged).build());
        assertEquals(403, response.statusCode());
        assertEquals("Grip-Sig not valid (expected: an unexpired HS256 token signed with the verify key)\n",
                response.body());
    }

    @Test
    void missingRoomIsRefused() throws Exception {
        HttpResponse<String> response = demo.send(demo.wsOverHttp("/api/websocket", "c1", List.of(WsEvent.open()))
                .build());
        assertEquals(400, response.statusCode());
        assertEquals("[missing room]\n", response.body());
    }

    @Test
    void invalidRoomIdIsRefusedNamingThePattern() throws Exception {
        HttpResponse<String> response = demo.send(demo.wsOverHttp("/api/websocket?roomId=Bad!", "c1",
                List.of(WsEvent.open())).build());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().startsWith("roomId: \"Bad!\" (expected: 3-16 characters"), response.body());
    }

    @Test
    void plainPostIsNotAWebSocketRequest() throws Exception {
        HttpResponse<String> response = demo.send(demo.request(WS).header("Grip-Sig", DemoHarness.gripSig())
                .POST(HttpRequest.BodyPublishers.ofString("hi")).build());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().startsWith("[not a websocket request]"), response.body());
    }

    @Test
    void missingConnectionIdIsRefused() throws Exception {
        HttpResponse<String> response = demo.send(demo.request(WS)
                .header("Content-Type", "application/websocket-events")
                .header("Accept", "application/websocket-events")
                .header("Grip-Sig", DemoHarness.gripSig())
                .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n")).build());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().startsWith("Error parsing WebSocket events: Connection-Id header is missing"),
                response.body());
    }

    @Test
    void malformedEventsAreRefused() throws Exception {
        HttpResponse<String> response = demo.send(demo.request(WS)
                .header("Content-Type", "application/websocket-events")
                .header("Accept", "application/websocket-events")
                .header("Connection-Id", "c1")
                .header("Grip-Sig", DemoHarness.gripSig())
                .POST(HttpRequest.BodyPublishers.ofString("TEXT zz\r\nhi\r\n")).build());
        assertEquals(400, response.statusCode());
        assertFalse(response.body().isEmpty());
    }
}
