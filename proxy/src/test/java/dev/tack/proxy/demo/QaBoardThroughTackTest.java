package dev.tack.proxy.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.proxy.testing.WsClients;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Q&amp;A board (seed A) through Tack with {@code java.net.http.WebSocket} clients: Tack turns each WebSocket
 * into WebSocket-over-HTTP requests to the origin, the origin publishes every change to {@code room-<id>}, and
 * every client in the room (the sender too) receives it.
 */
class QaBoardThroughTackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WsClients clients = new WsClients();
    private DemoStack stack;
    private WsClients.Client alice;
    private WsClients.Client bob;

    @BeforeEach
    void start() throws Exception {
        stack = DemoStack.start();
        alice = clients.connect(stack.ws("/api/websocket?roomId=demo"));
        bob = clients.connect(stack.ws("/api/websocket?roomId=demo"));
        await().until(() -> stack.tack.subscriptions() == 2);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    /** The messages of {@code type} a client received, parsed. */
    private static List<JsonNode> received(WsClients.Client client, String type) {
        return client.texts.stream().map(QaBoardThroughTackTest::parse)
                .filter(m -> type.equals(m.path("type").asText()))
                .collect(Collectors.toList());
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Waits until both clients have a message of {@code type} and returns bob's latest one. */
    private JsonNode bothReceive(String type, int count) {
        await().until(() -> received(alice, type).size() == count && received(bob, type).size() == count);
        List<JsonNode> messages = received(bob, type);
        return messages.get(messages.size() - 1);
    }

    private void post(String questionId, String text) {
        alice.send("{\"type\":\"QUESTION_POST_TO_ROOM\",\"userId\":\"alice\",\"roomId\":\"demo\",\"questionId\":\""
                + questionId + "\",\"questionText\":\"" + text + "\"}");
    }

    @Test
    void postedQuestionReachesEveryoneInTheRoom() {
        post("q1", "How does fan-out work?");
        JsonNode m = bothReceive("QUESTION_UPDATE_INFO_PASSIVE", 1);
        assertEquals("How does fan-out work?", m.get("questionText").asText());
        assertEquals("[\"alice\"]", m.get("upVotes").toString());
    }

    @Test
    void upvoteAndTakingItBackReachEveryone() {
        post("q1", "Why?");
        bothReceive("QUESTION_UPDATE_INFO_PASSIVE", 1);
        bob.send("{\"type\":\"QUESTION_UPVOTE\",\"userId\":\"bob\",\"roomId\":\"demo\",\"questionId\":\"q1\","
                + "\"removeUpvote\":false}");
        assertEquals("[\"alice\",\"bob\"]", bothReceive("QUESTION_UPVOTE_PASSIVE", 1).get("upVotes").toString());
        bob.send("{\"type\":\"QUESTION_UPVOTE\",\"userId\":\"bob\",\"roomId\":\"demo\",\"questionId\":\"q1\","
                + "\"removeUpvote\":true}");
        assertEquals("[\"alice\"]", bothReceive("QUESTION_UPVOTE_PASSIVE", 2).get("upVotes").toString());
    }

    @Test
    void answerReachesEveryone() {
        post("q1", "Why?");
        bothReceive("QUESTION_UPDATE_INFO_PASSIVE", 1);
        bob.send("{\"type\":\"QUESTION_POST_ANSWER\",\"roomId\":\"demo\",\"questionId\":\"q1\",\"answerAuthor\":\"bob\","
                + "\"answerText\":\"Because.\"}");
        assertEquals("Because.", bothReceive("QUESTION_UPDATE_INFO_PASSIVE", 2).get("answerText").asText());
    }

    @Test
    void deletionReachesEveryone() {
        post("q1", "Why?");
        bothReceive("QUESTION_UPDATE_INFO_PASSIVE", 1);
        bob.send("{\"type\":\"QUESTION_DELETE\",\"userId\":\"bob\",\"roomId\":\"demo\",\"questionId\":\"q1\"}");
        assertEquals("q1", bothReceive("QUESTION_DELETE_PASSIVE", 1).get("questionId").asText());
    }

    @Test
    void roomChangeReachesEveryone() {
        bob.send("{\"type\":\"ROOMINFO_UPDATE\",\"roomId\":\"demo\",\"roomData\":{\"displayName\":\"Town hall\","
                + "\"themeColor\":\"#6e1786\"}}");
        JsonNode room = bothReceive("ROOMINFO_UPDATE_PASSIVE", 1).get("roomInfo");
        assertEquals("Town hall", room.get("displayName").asText());
        assertEquals("#6e1786", room.get("themeColor").asText());
    }

    @Test
    void renameReachesEveryone() {
        alice.send("{\"type\":\"USERINFO_UPDATE\",\"userId\":\"alice\",\"userData\":{\"displayName\":\"Alice B.\"}}");
        assertEquals("Alice B.", bothReceive("USERINFO_UPDATE_PASSIVE", 1).get("userInfo").get("displayName").asText());
    }

    @Test
    void otherRoomsHearNothing() throws Exception {
        WsClients.Client carol = clients.connect(stack.ws("/api/websocket?roomId=elsewhere"));
        await().until(() -> stack.tack.subscriptions() == 3);
        post("q1", "Only for demo?");
        bothReceive("QUESTION_UPDATE_INFO_PASSIVE", 1);
        carol.send("{\"type\":\"USERINFO_UPDATE\",\"userId\":\"carol\",\"userData\":{\"displayName\":\"Carol\"}}");
        await().until(() -> received(carol, "USERINFO_UPDATE_PASSIVE").size() == 1);
        assertEquals(List.of(), received(carol, "QUESTION_UPDATE_INFO_PASSIVE"));
        assertEquals(List.of(), received(alice, "USERINFO_UPDATE_PASSIVE"));
    }

    @Test
    void refusedMessageIsAnsweredToTheSenderOnly() {
        alice.send("{\"type\":\"QUESTION_UPVOTE\",\"userId\":\"alice\",\"roomId\":\"demo\",\"questionId\":\"nope\"}");
        await().until(() -> received(alice, "ERROR").size() == 1);
        assertEquals("Not Found: question nope in room demo", received(alice, "ERROR").get(0).get("message").asText());
        post("q1", "after the error");
        bothReceive("QUESTION_UPDATE_INFO_PASSIVE", 1);
        assertEquals(List.of(), received(bob, "ERROR"));
    }

    @Test
    void roomSnapshotThroughTackHasTheQuestions() throws Exception {
        post("q1", "Is it stored?");
        bothReceive("QUESTION_UPDATE_INFO_PASSIVE", 1);
        HttpResponse<String> full = stack.tack.http().send(HttpRequest.newBuilder(stack.http("/api/room/demo/full"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, full.statusCode());
        assertEquals("Is it stored?", JSON.readTree(full.body()).get("questions").get(0).get("questionText").asText());
    }

    @Test
    void pageIsServedThroughTack() throws Exception {
        HttpResponse<String> page = stack.tack.http().send(HttpRequest.newBuilder(stack.http("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/qa.js"), page.body());
    }

    @Test
    void originRefusesWebSocketsSignedWithAnotherKey() throws Exception {
        try (DemoStack strict = DemoStack.start("not-tacks-key")) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> clients.attempt(strict.ws("/api/websocket?roomId=demo")).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() != null, "handshake failed");
            assertEquals(0, strict.tack.subscriptions());
        }
    }
}
