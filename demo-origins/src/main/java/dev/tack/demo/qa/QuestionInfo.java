package dev.tack.demo.qa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A question in a room, as its JSON reads:
 * <pre>
 * {"id":"9f2c4e1a7b3d5c60","questionText":"Does it scale?","questionTimestamp":"2024-05-01T10:00:00Z",
 *  "author":"alice","upVotes":["alice","bob"],"answerText":null,"answerTimestamp":null,"answerAuthor":null}
 * </pre>
 * A new question starts upvoted by its author. The answer fields are null until a host answers.
 */
public record QuestionInfo(String id, String questionText, String questionTimestamp, String author,
        List<String> upVotes, String answerText, String answerTimestamp, String answerAuthor) {

    /** Most votes first; among equal votes, the older question first. */
    public static final Comparator<QuestionInfo> BY_VOTES = Comparator
            .comparingInt((QuestionInfo q) -> q.upVotes().size()).reversed()
            .thenComparing(QuestionInfo::questionTimestamp)
            .thenComparing(QuestionInfo::id);

    public QuestionInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(questionText, "questionText");
        Objects.requireNonNull(questionTimestamp, "questionTimestamp");
        Objects.requireNonNull(author, "author");
        upVotes = List.copyOf(upVotes);
    }

    /** A fresh question, upvoted by its author. */
    public static QuestionInfo asked(String id, String text, String timestamp, String author) {
        return new QuestionInfo(id, text, timestamp, author, List.of(author), null, null, null);
    }

    /** Returns a copy answered by {@code author} at {@code timestamp}. */
    public QuestionInfo withAnswer(String author, String text, String timestamp) {
        return new QuestionInfo(id, questionText, questionTimestamp, this.author, upVotes, text, timestamp, author);
    }

    /** Returns a copy with {@code userId}'s vote added, or removed when {@code remove}; a vote counts once. */
    public QuestionInfo withVote(String userId, boolean remove) {
        List<String> votes = new ArrayList<>(upVotes);
        votes.remove(userId);
        if (!remove) {
            votes.add(userId);
        }
        return new QuestionInfo(id, questionText, questionTimestamp, author, votes, answerText, answerTimestamp,
                answerAuthor);
    }
}
