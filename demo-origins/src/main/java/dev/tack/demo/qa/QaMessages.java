package dev.tack.demo.qa;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON of the Q&amp;A WebSocket (as in Fastly's live Q&amp;A demo): {@link #decode} reads what browsers send, the
 * other methods write what the board publishes to {@code room-<id>}, e.g.
 * <pre>
 * {"type":"QUESTION_UPVOTE_PASSIVE","roomId":"demo","questionId":"9f2c4e1a7b3d5c60","upVotes":["alice","bob"],
 *  "userInfo":{"id":"bob","displayName":"Bob"}}
 * </pre>
 * Besides the original's messages there is {@code {"type":"ERROR","message":"..."}}, sent only to the sender
 * of a message the board refused; the original page ignores unknown types. Every published message also carries
 * its number in the room, {@code "eventId":"7"} ({@link QaBoard}).
 */
final class QaMessages {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("USERINFO_UPDATE", "ROOMINFO_UPDATE", "QUESTION_POST_TO_ROOM",
            "QUESTION_POST_ANSWER", "QUESTION_DELETE", "QUESTION_UPVOTE");

    private QaMessages() {
    }

    /** {@code json} (a message object) with {@code "eventId":"<n>"} added: the room's number for it. */
    static String withEventId(String json, long eventId) {
        try {
            ObjectNode message = (ObjectNode) JSON.readTree(json);
            message.put("eventId", String.valueOf(eventId));
            return JSON.writeValueAsString(message);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("a message the board wrote is not JSON: " + json, e);
        }
    }

    /**
     * Reads one client message.
     *
     * @throws QaException (400) naming the type, field and what was expected
     */
    static ClientMessage decode(String text) throws QaException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw QaException.badRequest("message is not JSON (" + e.getOriginalMessage()
                    + "; expected: {\"type\": \"QUESTION_POST_TO_ROOM\", ...})");
        }
        if (root == null || !root.isObject()) {
            throw QaException.badRequest("message is not a JSON object (expected: {\"type\": ...})");
        }
        String type = string(root, "type");
        if (type == null) {
            throw QaException.badRequest("message has no string 'type' (expected: e.g. \"QUESTION_POST_TO_ROOM\")");
        }
        if (!TYPES.contains(type)) {
            throw QaException.badRequest("type: \"" + type + "\" (expected: one of " + String.join(", ", TYPES) + ")");
        }
        try {
            return fields(type, root);
        } catch (QaException e) {
            throw QaException.badRequest(type + ": " + e.getMessage());
        }
    }

    private static ClientMessage fields(String type, JsonNode root) throws QaException {
        return switch (type) {
            case "USERINFO_UPDATE" -> new ClientMessage.UserInfoUpdate(QaRules.id("userId", string(root, "userId")),
                    QaRules.text("userData.displayName", string(object(root, "userData"), "displayName"),
                            QaRules.MAX_DISPLAY_NAME));
            case "ROOMINFO_UPDATE" -> roomInfoUpdate(root);
            case "QUESTION_POST_TO_ROOM" -> new ClientMessage.QuestionPost(
                    QaRules.id("userId", string(root, "userId")), optionalRoom(root),
                    QaRules.questionId(string(root, "questionId")),
                    QaRules.text("questionText", string(root, "questionText"), QaRules.MAX_QUESTION));
            case "QUESTION_POST_ANSWER" -> new ClientMessage.QuestionAnswer(optionalRoom(root),
                    QaRules.questionId(string(root, "questionId")),
                    QaRules.id("answerAuthor", string(root, "answerAuthor")),
                    QaRules.text("answerText", string(root, "answerText"), QaRules.MAX_ANSWER));
            case "QUESTION_DELETE" -> new ClientMessage.QuestionDelete(
                    root.hasNonNull("userId") ? QaRules.id("userId", string(root, "userId")) : null,
                    optionalRoom(root), QaRules.questionId(string(root, "questionId")));
            case "QUESTION_UPVOTE" -> new ClientMessage.QuestionUpvote(
                    QaRules.id("userId", string(root, "userId")), optionalRoom(root),
                    QaRules.questionId(string(root, "questionId")), bool(root, "removeUpvote"));
            default -> throw new IllegalStateException("type " + type + " is in TYPES but has no decoder");
        };
    }

    private static ClientMessage.RoomInfoUpdate roomInfoUpdate(JsonNode root) throws QaException {
        JsonNode data = object(root, "roomData");
        String name = string(data, "displayName");
        String color = string(data, "themeColor");
        if (name == null && color == null) {
            throw QaException.badRequest("roomData: no displayName or themeColor (expected: at least one)");
        }
        return new ClientMessage.RoomInfoUpdate(optionalRoom(root),
                name == null ? null : QaRules.text("roomData.displayName", name, QaRules.MAX_ROOM_NAME),
                color == null ? null : QaRules.color(color));
    }

    /** {@code {"type":"ROOMINFO_UPDATE_PASSIVE","roomInfo":{...}}}. */
    static String roomInfoUpdated(RoomInfo room) {
        ObjectNode out = typed("ROOMINFO_UPDATE_PASSIVE");
        out.set("roomInfo", JSON.valueToTree(room));
        return out.toString();
    }

    /** {@code {"type":"USERINFO_UPDATE_PASSIVE","userInfo":{...}}}. */
    static String userInfoUpdated(UserInfo user) {
        ObjectNode out = typed("USERINFO_UPDATE_PASSIVE");
        out.set("userInfo", JSON.valueToTree(user));
        return out.toString();
    }

    /** After a post: the question's fields and the author's user info (or null). */
    static String questionPosted(String roomId, QuestionInfo q, UserInfo author) {
        ObjectNode out = question("QUESTION_UPDATE_INFO_PASSIVE", roomId, q.id());
        out.put("questionText", q.questionText()).put("questionTimestamp", q.questionTimestamp())
                .put("author", q.author());
        out.set("upVotes", JSON.valueToTree(q.upVotes()));
        out.set("userInfo", JSON.valueToTree(author));
        return out.toString();
    }

    /** After an answer: the answer's fields and the answerer's user info (or null). */
    static String questionAnswered(String roomId, QuestionInfo q, UserInfo answerer) {
        ObjectNode out = question("QUESTION_UPDATE_INFO_PASSIVE", roomId, q.id());
        out.put("answerAuthor", q.answerAuthor()).put("answerText", q.answerText())
                .put("answerTimestamp", q.answerTimestamp());
        out.set("userInfo", JSON.valueToTree(answerer));
        return out.toString();
    }

    /** {@code {"type":"QUESTION_DELETE_PASSIVE","roomId":"demo","questionId":"..."}}. */
    static String questionDeleted(String roomId, String questionId) {
        return question("QUESTION_DELETE_PASSIVE", roomId, questionId).toString();
    }

    /** The new vote list, and the voter's user info (null when the vote was taken back). */
    static String questionUpvoted(String roomId, QuestionInfo q, UserInfo voter) {
        ObjectNode out = question("QUESTION_UPVOTE_PASSIVE", roomId, q.id());
        out.set("upVotes", JSON.valueToTree(q.upVotes()));
        out.set("userInfo", JSON.valueToTree(voter));
        return out.toString();
    }

    /** {@code {"type":"ERROR","message":"..."}}, to the sender only. */
    static String error(String message) {
        return typed("ERROR").put("message", message).toString();
    }

    private static ObjectNode typed(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode question(String type, String roomId, String questionId) {
        return typed(type).put("roomId", roomId).put("questionId", questionId);
    }

    private static String optionalRoom(JsonNode root) throws QaException {
        String roomId = string(root, "roomId");
        return roomId == null ? null : QaRules.id("roomId", roomId);
    }

    /** A string field, or null when absent or JSON null. */
    private static String string(JsonNode node, String field) throws QaException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw QaException.badRequest(field + ": " + value + " (expected: a string)");
        }
        return value.asText();
    }

    private static JsonNode object(JsonNode node, String field) throws QaException {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw QaException.badRequest(field + ": " + (value == null ? "missing" : value.toString())
                    + " (expected: a JSON object)");
        }
        return value;
    }

    private static boolean bool(JsonNode node, String field) throws QaException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw QaException.badRequest(field + ": " + value + " (expected: true or false)");
        }
        return value.booleanValue();
    }
}
