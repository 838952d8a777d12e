package dev.tack.demo.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.demo.DemoHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The board's REST API over loopback. */
class QaRoutesTest {
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

    private HttpResponse<String> get(String path) throws Exception {
        return demo.send(demo.request(path).GET().build());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return demo.send(demo.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void createdRoomIsListedAndReadable() throws Exception {
        HttpResponse<String> created = post("/api/rooms", "{\"roomId\":\"town\",\"displayName\":\"Town hall\"}");
        assertEquals(200, created.statusCode());
        assertEquals(JSON.readTree("{\"id\":\"town\",\"displayName\":\"Town hall\",\"themeColor\":\"#038cfc\"}"),
                JSON.readTree(get("/api/room/town").body()));
        assertTrue(JSON.readTree(get("/api/rooms").body()).has("town"));
    }

    @Test
    void creatingAnExistingRoomIsRefused() throws Exception {
        post("/api/rooms", "{\"roomId\":\"town\"}");
        HttpResponse<String> again = post("/api/rooms", "{\"roomId\":\"town\"}");
        assertEquals(400, again.statusCode());
        assertEquals("Already exists: room town\n", again.body());
    }

    @Test
    void unknownRoomIsNotFound() throws Exception {
        HttpResponse<String> response = get("/api/room/nowhere");
        assertEquals(404, response.statusCode());
        assertEquals("Not Found: room nowhere\n", response.body());
    }

    @Test
    void fullRoomListsQuestionsMostVotedFirstWithTheirUsers() throws Exception {
        post("/api/user/alice/update", "{\"displayName\":\"Alice\"}");
        post("/api/room/town/questions", "{\"userId\":\"alice\",\"questionId\":\"q1\",\"questionText\":\"first\"}");
        post("/api/room/town/questions", "{\"userId\":\"bob\",\"questionId\":\"q2\",\"questionText\":\"second\"}");
        post("/api/room/town/question/q2/up-vote", "{\"userId\":\"carol\"}");
        JsonNode full = JSON.readTree(get("/api/room/town/full").body());
        assertEquals("New Room: town", full.get("roomInfo").get("displayName").asText());
        assertEquals("q2", full.get("questions").get(0).get("id").asText());
        assertEquals("q1", full.get("questions").get(1).get("id").asText());
        assertEquals("Alice", full.get("userInfos").get("alice").get("displayName").asText());
        assertEquals("3", full.get("lastEventId").asText(), "two questions and a vote were published to room-town");
    }

    @Test
    void fullRoomOfAnUnknownRoomHasTheDefaults() throws Exception {
        JsonNode full = JSON.readTree(get("/api/room/fresh/full").body());
        assertEquals("New Room: fresh", full.get("roomInfo").get("displayName").asText());
        assertEquals(0, full.get("questions").size());
        assertTrue(full.get("lastEventId").isNull(), "nothing published to it yet");
    }

    @Test
    void restChangesArePublishedToTheRoom() throws Exception {
        post("/api/room/town/questions", "{\"userId\":\"alice\",\"questionId\":\"q1\",\"questionText\":\"Why?\"}");
        assertEquals("room-town", demo.publishes.take().channel());
        HttpResponse<String> answered = post("/api/room/town/question/q1/update",
                "{\"answerAuthor\":\"host\",\"answerText\":\"Because.\"}");
        assertEquals("Because.", JSON.readTree(answered.body()).get("answerText").asText());
        assertEquals("QUESTION_UPDATE_INFO_PASSIVE", demo.publishes.take().wsJson().get("type").asText());
        assertEquals(204, demo.send(demo.request("/api/room/town/question/q1").DELETE().build()).statusCode());
        assertEquals("QUESTION_DELETE_PASSIVE", demo.publishes.take().wsJson().get("type").asText());
        HttpResponse<String> renamed = post("/api/room/town/update", "{\"displayName\":\"Town hall\"}");
        assertEquals("Town hall", JSON.readTree(renamed.body()).get("displayName").asText());
        assertEquals("ROOMINFO_UPDATE_PASSIVE", demo.publishes.take().wsJson().get("type").asText());
    }

    @Test
    void answeringAMissingQuestionIsNotFound() throws Exception {
        HttpResponse<String> response = post("/api/room/town/question/q9/update",
                "{\"answerAuthor\":\"host\",\"answerText\":\"x\"}");
        assertEquals(404, response.statusCode());
        assertEquals("Not Found: question q9 in room town\n", response.body());
    }

    @Test
    void badBodiesAreRefusedNamingTheField() throws Exception {
        HttpResponse<String> notJson = post("/api/room/town/questions", "nope");
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().startsWith("body: not JSON"), notJson.body());
        HttpResponse<String> noText = post("/api/room/town/questions", "{\"userId\":\"alice\",\"questionId\":\"q1\"}");
        assertEquals("questionText: missing (expected: 1-500 characters)\n", noText.body());
    }

    @Test
    void channelSubscriptionsAreCounted() throws Exception {
        assertEquals(404, get("/api/channel/room-x/subscriptions").statusCode());
        demo.send(demo.request("/api/channel/room-x/subscription/c1").PUT(HttpRequest.BodyPublishers.noBody()).build());
        demo.send(demo.request("/api/channel/room-x/subscription/c2").PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(JSON.readTree("{\"channel\":\"room-x\",\"count\":2}"),
                JSON.readTree(get("/api/channel/room-x/subscriptions").body()));
        demo.send(demo.request("/api/channel/*/subscription/c1").DELETE().build());
        assertEquals(1, JSON.readTree(get("/api/channel/room-x/subscriptions").body()).get("count").asInt());
    }

    @Test
    void usersAreReadable() throws Exception {
        post("/api/user/alice/update", "{\"displayName\":\"Alice\"}");
        assertEquals("Alice", JSON.readTree(get("/api/user/alice").body()).get("displayName").asText());
        assertEquals(404, get("/api/user/nobody").statusCode());
        assertTrue(JSON.readTree(get("/api/users").body()).has("alice"));
    }

    @Test
    void everyResponseAllowsAnyOrigin() throws Exception {
        assertEquals("*", get("/api/rooms").headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        HttpResponse<String> preflight = demo.send(demo.request("/api/rooms")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, preflight.statusCode());
    }
}
