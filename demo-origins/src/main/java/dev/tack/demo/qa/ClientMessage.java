package dev.tack.demo.qa;

/**
 * What a browser sends on the Q&amp;A WebSocket (JSON text frames), decoded and checked by
 * {@code QaMessages.decode}. A null {@code roomId} means the room of the connection ({@code ?roomId=}).
 */
public sealed interface ClientMessage {

    /** The room the message names, or null for the connection's room. */
    String roomId();

    /** {@code {"type":"USERINFO_UPDATE","userId":"alice","userData":{"displayName":"Alice"}}}. */
    record UserInfoUpdate(String userId, String displayName) implements ClientMessage {
        @Override
        public String roomId() {
            return null;
        }
    }

    /**
     * {@code {"type":"ROOMINFO_UPDATE","roomId":"demo","roomData":{"displayName":"Town hall",
     * "themeColor":"#d35192"}}}; either field may be absent (null).
     */
    record RoomInfoUpdate(String roomId, String displayName, String themeColor) implements ClientMessage {
    }

    /**
     * {@code {"type":"QUESTION_POST_TO_ROOM","userId":"alice","roomId":"demo","questionId":"9f2c4e1a7b3d5c60",
     * "questionText":"Does it scale?"}}.
     */
    record QuestionPost(String userId, String roomId, String questionId, String questionText)
            implements ClientMessage {
    }

    /**
     * {@code {"type":"QUESTION_POST_ANSWER","roomId":"demo","questionId":"9f2c...","answerAuthor":"host",
     * "answerText":"Yes."}}.
     */
    record QuestionAnswer(String roomId, String questionId, String answerAuthor, String answerText)
            implements ClientMessage {
    }

    /** {@code {"type":"QUESTION_DELETE","userId":"host","roomId":"demo","questionId":"9f2c..."}}. */
    record QuestionDelete(String userId, String roomId, String questionId) implements ClientMessage {
    }

    /**
     * {@code {"type":"QUESTION_UPVOTE","userId":"bob","roomId":"demo","questionId":"9f2c...",
     * "removeUpvote":false}}.
     */
    record QuestionUpvote(String userId, String roomId, String questionId, boolean removeUpvote)
            implements ClientMessage {
    }
}
