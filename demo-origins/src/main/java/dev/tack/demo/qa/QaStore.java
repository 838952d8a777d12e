package dev.tack.demo.qa;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * Where the Q&amp;A board keeps rooms, users, questions and which connections are in which channel (the
 * original keeps them in a separate persistence service; here it is an interface so another store can replace
 * {@link InMemoryQaStore}). Implementations are thread-safe; every method is atomic.
 */
public interface QaStore {

    /** Every room, by id. */
    Map<String, RoomInfo> rooms();

    Optional<RoomInfo> room(String roomId);

    /** Stores a new room; empty when a room with its id exists already. */
    Optional<RoomInfo> createRoom(RoomInfo room);

    /**
     * Creates the room with defaults if it is missing, then sets the non-null fields.
     *
     * @param displayName the new name, or null to keep it
     * @param themeColor the new colour, or null to keep it
     */
    RoomInfo updateRoom(String roomId, String displayName, String themeColor);

    /** Every user, by id. */
    Map<String, UserInfo> users();

    Optional<UserInfo> user(String userId);

    /** Creates or renames a user. */
    UserInfo updateUser(String userId, String displayName);

    /** The room's questions in the order they were asked; empty for an unknown room. */
    List<QuestionInfo> questions(String roomId);

    /** Stores a new question in a room; empty when the room has a question with its id already. */
    Optional<QuestionInfo> addQuestion(String roomId, QuestionInfo question);

    /** Replaces a question with {@code change} applied to it; empty when there is no such question. */
    Optional<QuestionInfo> updateQuestion(String roomId, String questionId, UnaryOperator<QuestionInfo> change);

    /** Removes a question; false when there was none. */
    boolean deleteQuestion(String roomId, String questionId);

    /** Records a connection as subscribed to a channel; returns the channel's connection count. */
    int addSubscription(String channel, String connectionId);

    /** Forgets a connection in one channel; returns the channel's connection count. */
    int removeSubscription(String channel, String connectionId);

    /** Forgets a connection in every channel (it closed). */
    void removeSubscriptionEverywhere(String connectionId);

    /** How many connections a channel has; empty for a channel never subscribed to. */
    OptionalInt subscriptionCount(String channel);
}
