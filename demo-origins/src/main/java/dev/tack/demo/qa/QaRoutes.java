package dev.tack.demo.qa;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tack.api.client.PublishException;
import dev.tack.demo.web.HttpError;
import dev.tack.demo.web.Request;
import dev.tack.demo.web.Response;
import dev.tack.demo.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The board's REST API (as Fastly's live Q&amp;A demo has it), JSON in and out; errors are text, {@code 404 Not Found:
 * ...} or {@code 400 ...} naming the field. Changes go through {@link QaBoard} like the WebSocket's, so they are
 * published to the room too:
 * <pre>
 * GET  /api/rooms                                   {"demo": {"id":"demo","displayName":...,"themeColor":...}}
 * POST /api/rooms                                   {"roomId":"demo","displayName":"Town hall"}  (400 if it exists)
 * GET  /api/room/{roomId}                           the room, 404 if unknown
 * GET  /api/room/{roomId}/full                      {"roomInfo":...,"questions":[...],"userInfos":{...}}
 * GET  /api/room/{roomId}/questions                 questions, most votes first
 * POST /api/room/{roomId}/update                    {"displayName":...,"themeColor":...}
 * POST /api/room/{roomId}/questions                 {"userId":...,"questionId":...,"questionText":...}
 * POST /api/room/{roomId}/question/{id}/update      {"answerAuthor":...,"answerText":...}
 * POST /api/room/{roomId}/question/{id}/up-vote     {"userId":...,"removeUpvote":false}
 * DELETE /api/room/{roomId}/question/{id}           204
 * GET  /api/users, /api/user/{userId}; POST /api/user/{userId}/update {"displayName":...}
 * GET  /api/channel/{channel}/subscriptions         {"channel":"room-demo","count":2}
 * PUT|DELETE /api/channel/{channel}/subscription/{cid}   ({@code *} as channel: every channel)
 * </pre>
 * A user rename over REST names no room, so unlike the WebSocket's it is stored but not published.
 */
public final class QaRoutes {
    private final QaBoard board;

    public QaRoutes(QaBoard board) {
        this.board = board;
    }

    /** Adds the routes to {@code router}. */
    public void register(Router router) {
        QaStore store = board.store();
        router.get("/api/rooms", r -> Response.json(200, store.rooms()))
                .post("/api/rooms", this::createRoom)
                .get("/api/room/{roomId}", r -> Response.json(200, store.room(roomId(r))
                        .orElseThrow(() -> new HttpError(404, "Not Found: room " + roomId(r)))))
                .get("/api/room/{roomId}/full", r -> Response.json(200, board.full(roomId(r))))
                .get("/api/room/{roomId}/questions", r -> Response.json(200, board.full(roomId(r)).questions()))
                .post("/api/room/{roomId}/update", this::updateRoom)
                .post("/api/room/{roomId}/questions", r -> {
                    JsonNode body = json(r);
                    return change(new ClientMessage.QuestionPost(valid(() -> QaRules.id("userId", text(body, "userId"))),
                            roomId(r), valid(() -> QaRules.questionId(text(body, "questionId"))),
                            valid(() -> QaRules.text("questionText", text(body, "questionText"), QaRules.MAX_QUESTION))));
                })
                .post("/api/room/{roomId}/question/{questionId}/update", r -> {
                    JsonNode body = json(r);
                    return change(new ClientMessage.QuestionAnswer(roomId(r), questionId(r),
                            valid(() -> QaRules.id("answerAuthor", text(body, "answerAuthor"))),
                            valid(() -> QaRules.text("answerText", text(body, "answerText"), QaRules.MAX_ANSWER))));
                })
                .post("/api/room/{roomId}/question/{questionId}/up-vote", r -> {
                    JsonNode body = json(r);
                    return change(new ClientMessage.QuestionUpvote(
                            valid(() -> QaRules.id("userId", text(body, "userId"))), roomId(r), questionId(r),
                            body.path("removeUpvote").asBoolean(false)));
                })
                .delete("/api/room/{roomId}/question/{questionId}", r -> {
                    change(new ClientMessage.QuestionDelete(null, roomId(r), questionId(r)));
                    return Response.empty(204);
                })
                .get("/api/users", r -> Response.json(200, store.users()))
                .get("/api/user/{userId}", r -> Response.json(200, store.user(r.pathParam("userId"))
                        .orElseThrow(() -> new HttpError(404, "Not Found: user " + r.pathParam("userId")))))
                .post("/api/user/{userId}/update", r -> Response.json(200, store.updateUser(
                        valid(() -> QaRules.id("userId", r.pathParam("userId"))),
                        valid(() -> QaRules.text("displayName", text(json(r), "displayName"), QaRules.MAX_DISPLAY_NAME)))))
                .get("/api/channel/{channel}/subscriptions", r -> {
                    OptionalInt count = store.subscriptionCount(r.pathParam("channel"));
                    if (count.isEmpty()) {
                        throw new HttpError(404, "Not Found: channel " + r.pathParam("channel"));
                    }
                    return channelCount(r.pathParam("channel"), count.getAsInt());
                })
                .put("/api/channel/{channel}/subscription/{cid}", r -> channelCount(r.pathParam("channel"),
                        store.addSubscription(r.pathParam("channel"), r.pathParam("cid"))))
                .delete("/api/channel/{channel}/subscription/{cid}", r -> {
                    if (r.pathParam("channel").equals("*")) {
                        store.removeSubscriptionEverywhere(r.pathParam("cid"));
                        return channelCount("*", 0);
                    }
                    return channelCount(r.pathParam("channel"),
                            store.removeSubscription(r.pathParam("channel"), r.pathParam("cid")));
                });
    }

    private Response createRoom(Request r) {
        JsonNode body = json(r);
        String id = valid(() -> QaRules.id("roomId", text(body, "roomId")));
        String name = optional(body, "displayName");
        String color = optional(body, "themeColor");
        RoomInfo defaults = RoomInfo.withDefaults(id);
        RoomInfo room = new RoomInfo(id,
                name == null ? defaults.displayName() : valid(() -> QaRules.text("displayName", name, QaRules.MAX_ROOM_NAME)),
                color == null ? defaults.themeColor() : valid(() -> QaRules.color(color)));
        return Response.json(200, board.store().createRoom(room)
                .orElseThrow(() -> new HttpError(400, "Already exists: room " + id)));
    }

    private Response updateRoom(Request r) {
        JsonNode body = json(r);
        String name = optional(body, "displayName");
        String color = optional(body, "themeColor");
        if (name == null && color == null) {
            throw new HttpError(400, "body: no displayName or themeColor (expected: at least one)");
        }
        return change(new ClientMessage.RoomInfoUpdate(roomId(r),
                name == null ? null : valid(() -> QaRules.text("displayName", name, QaRules.MAX_ROOM_NAME)),
                color == null ? null : valid(() -> QaRules.color(color))));
    }

    /** Applies and publishes a change, answering with the stored question or room. */
    private Response change(ClientMessage message) {
        List<QaBoard.Broadcast> broadcasts;
        try {
            broadcasts = board.apply(message, message.roomId());
        } catch (QaException e) {
            throw new HttpError(e.status(), e.getMessage());
        }
        try {
            board.publish(broadcasts);
        } catch (PublishException e) {
            throw new HttpError(502, "Bad Gateway: the change was saved but not published: " + e.getMessage());
        }
        String roomId = message.roomId();
        if (message instanceof ClientMessage.RoomInfoUpdate) {
            return Response.json(200, board.store().room(roomId).orElseThrow());
        }
        return board.full(roomId).questions().stream()
                .filter(q -> q.id().equals(questionIdOf(message)))
                .findFirst()
                .map(q -> Response.json(200, q))
                .orElse(Response.empty(204));
    }

    private static String questionIdOf(ClientMessage message) {
        if (message instanceof ClientMessage.QuestionPost m) {
            return m.questionId();
        }
        if (message instanceof ClientMessage.QuestionAnswer m) {
            return m.questionId();
        }
        if (message instanceof ClientMessage.QuestionUpvote m) {
            return m.questionId();
        }
        return "";
    }

    private static Response channelCount(String channel, int count) {
        return Response.json(200, Map.of("channel", channel, "count", count));
    }

    private static String roomId(Request r) {
        return valid(() -> QaRules.id("roomId", r.pathParam("roomId")));
    }

    private static String questionId(Request r) {
        return valid(() -> QaRules.questionId(r.pathParam("questionId")));
    }

    private static JsonNode json(Request r) {
        try {
            JsonNode node = QaMessages.JSON.readTree(r.body());
            if (node == null || !node.isObject()) {
                throw new HttpError(400, "body: not a JSON object (expected: {...})");
            }
            return node;
        } catch (JacksonException e) {
            throw new HttpError(400, "body: not JSON (" + e.getOriginalMessage() + "; expected: a JSON object)");
        } catch (IOException e) {
            throw new UncheckedIOException("reading a body from memory failed", e);
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static String optional(JsonNode body, String field) {
        return text(body, field);
    }

    /** Runs a {@link QaRules} check, turning its refusal into a {@code 400}. */
    private static String valid(Check check) {
        try {
            return check.run();
        } catch (QaException e) {
            throw new HttpError(e.status(), e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Check {
        String run() throws QaException;
    }
}
