package dev.tack.demo.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Decoding what browsers send: one test per message type, then the refusals. */
class QaMessagesTest {

    @Test
    void userInfoUpdate() throws Exception {
        assertEquals(new ClientMessage.UserInfoUpdate("alice", "Alice Smith"), QaMessages.decode(
                "{\"type\":\"USERINFO_UPDATE\",\"userId\":\"alice\",\"userData\":{\"displayName\":\" Alice Smith \"}}"));
    }

    @Test
    void roomInfoUpdateWithOneField() throws Exception {
        assertEquals(new ClientMessage.RoomInfoUpdate("demo", null, "#af2c37"), QaMessages.decode(
                "{\"type\":\"ROOMINFO_UPDATE\",\"roomId\":\"demo\",\"roomData\":{\"themeColor\":\"#AF2C37\"}}"));
    }

    @Test
    void questionPost() throws Exception {
        assertEquals(new ClientMessage.QuestionPost("alice", "demo", "9f2c4e1a7b3d5c60", "Why?"), QaMessages.decode(
                "{\"type\":\"QUESTION_POST_TO_ROOM\",\"userId\":\"alice\",\"roomId\":\"demo\","
                        + "\"questionId\":\"9f2c4e1a7b3d5c60\",\"questionText\":\"Why?\"}"));
    }

    @Test
    void questionAnswerWithoutRoomUsesTheConnectionsRoom() throws Exception {
        assertEquals(new ClientMessage.QuestionAnswer(null, "q1", "host", "Yes."), QaMessages.decode(
                "{\"type\":\"QUESTION_POST_ANSWER\",\"questionId\":\"q1\",\"answerAuthor\":\"host\","
                        + "\"answerText\":\"Yes.\"}"));
    }

    @Test
    void questionDelete() throws Exception {
        assertEquals(new ClientMessage.QuestionDelete("host", "demo", "q1"), QaMessages.decode(
                "{\"type\":\"QUESTION_DELETE\",\"userId\":\"host\",\"roomId\":\"demo\",\"questionId\":\"q1\"}"));
    }

    @Test
    void questionUpvoteDefaultsToAdding() throws Exception {
        assertEquals(new ClientMessage.QuestionUpvote("bob", "demo", "q1", false), QaMessages.decode(
                "{\"type\":\"QUESTION_UPVOTE\",\"userId\":\"bob\",\"roomId\":\"demo\",\"questionId\":\"q1\"}"));
    }

    @Test
    void questionUpvoteRemove() throws Exception {
        assertEquals(new ClientMessage.QuestionUpvote("bob", "demo", "q1", true), QaMessages.decode(
                "{\"type\":\"QUESTION_UPVOTE\",\"userId\":\"bob\",\"roomId\":\"demo\",\"questionId\":\"q1\","
                        + "\"removeUpvote\":true}"));
    }

    private static String refusal(String json) {
        return assertThrows(QaException.class, () -> QaMessages.decode(json)).getMessage();
    }

    @Test
    void userIdMustFollowTheIdRule() {
        assertEquals("USERINFO_UPDATE: userId: \"Alice\" (expected: 3-16 characters of a-z, 0-9, '-', '_' or '.', "
                        + "starting with a letter and ending with a letter or digit)",
                refusal("{\"type\":\"USERINFO_UPDATE\",\"userId\":\"Alice\",\"userData\":{\"displayName\":\"A\"}}"));
    }

    @Test
    void displayNameMustNotBeBlank() {
        assertEquals("USERINFO_UPDATE: userData.displayName: 0 characters (expected: 1-50 characters)",
                refusal("{\"type\":\"USERINFO_UPDATE\",\"userId\":\"alice\",\"userData\":{\"displayName\":\"  \"}}"));
    }

    @Test
    void userDataMustBeAnObject() {
        assertEquals("USERINFO_UPDATE: userData: missing (expected: a JSON object)",
                refusal("{\"type\":\"USERINFO_UPDATE\",\"userId\":\"alice\"}"));
    }

    @Test
    void themeColorMustBeHex() {
        assertEquals("ROOMINFO_UPDATE: themeColor: \"red\" (expected: #rrggbb, e.g. #038cfc)",
                refusal("{\"type\":\"ROOMINFO_UPDATE\",\"roomData\":{\"themeColor\":\"red\"}}"));
    }

    @Test
    void roomInfoUpdateNeedsAField() {
        assertEquals("ROOMINFO_UPDATE: roomData: no displayName or themeColor (expected: at least one)",
                refusal("{\"type\":\"ROOMINFO_UPDATE\",\"roomData\":{}}"));
    }

    @Test
    void questionTextHasALimit() {
        assertEquals("QUESTION_POST_TO_ROOM: questionText: 501 characters (expected: 1-500 characters)",
                refusal("{\"type\":\"QUESTION_POST_TO_ROOM\",\"userId\":\"alice\",\"questionId\":\"q1\","
                        + "\"questionText\":\"" + "x".repeat(501) + "\"}"));
    }

    @Test
    void questionIdMustBeSafe() {
        assertEquals("QUESTION_DELETE: questionId: \"../x\" (expected: 1-64 characters of A-Z, a-z, 0-9, '-' or '_')",
                refusal("{\"type\":\"QUESTION_DELETE\",\"questionId\":\"../x\"}"));
    }

    @Test
    void fieldsMustHaveTheirTypes() {
        assertEquals("QUESTION_UPVOTE: removeUpvote: \"yes\" (expected: true or false)",
                refusal("{\"type\":\"QUESTION_UPVOTE\",\"userId\":\"bob\",\"questionId\":\"q1\",\"removeUpvote\":\"yes\"}"));
        assertEquals("QUESTION_UPVOTE: userId: 7 (expected: a string)",
                refusal("{\"type\":\"QUESTION_UPVOTE\",\"userId\":7,\"questionId\":\"q1\"}"));
    }

    @Test
    void unknownTypeIsNamed() {
        assertEquals("type: \"HELLO\" (expected: one of USERINFO_UPDATE, ROOMINFO_UPDATE, QUESTION_POST_TO_ROOM, "
                + "QUESTION_POST_ANSWER, QUESTION_DELETE, QUESTION_UPVOTE)", refusal("{\"type\":\"HELLO\"}"));
    }

    @Test
    void keepAliveContentIsNotAMessage() {
        assertEquals("message has no string 'type' (expected: e.g. \"QUESTION_POST_TO_ROOM\")", refusal("{}"));
    }

    @Test
    void nonObjectsAreRefused() {
        assertEquals("message is not a JSON object (expected: {\"type\": ...})", refusal("[1]"));
    }
}
