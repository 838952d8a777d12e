package dev.tack.demo.qa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@link QaStore} in maps, lost on restart, as the original's persistence service. One lock guards
 * everything: the board sees a few requests a second, and one lock makes every method trivially atomic.
 */
public final class InMemoryQaStore implements QaStore {
    private final Map<String, RoomInfo> rooms = new LinkedHashMap<>();
    private final Map<String, UserInfo> users = new LinkedHashMap<>();
    private final Map<String, Map<String, QuestionInfo>> questions = new LinkedHashMap<>();
    private final Map<String, Set<String>> subscriptions = new LinkedHashMap<>();

    @Override
    public synchronized Map<String, RoomInfo> rooms() {
        return Map.copyOf(rooms);
    }

    @Override
    public synchronized Optional<RoomInfo> room(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    @Override
    public synchronized Optional<RoomInfo> createRoom(RoomInfo room) {
        if (rooms.containsKey(room.id())) {
            return Optional.empty();
        }
        rooms.put(room.id(), room);
        return Optional.of(room);
    }

    @Override
    public synchronized RoomInfo updateRoom(String roomId, String displayName, String themeColor) {
        RoomInfo old = rooms.getOrDefault(roomId, RoomInfo.withDefaults(roomId));
        RoomInfo room = new RoomInfo(roomId, displayName == null ? old.displayName() : displayName,
                themeColor == null ? old.themeColor() : themeColor);
        rooms.put(roomId, room);
        return room;
    }

    @Override
    public synchronized Map<String, UserInfo> users() {
        return Map.copyOf(users);
    }

    @Override
    public synchronized Optional<UserInfo> user(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    @Override
    public synchronized UserInfo updateUser(String userId, String displayName) {
        UserInfo user = new UserInfo(userId, displayName == null ? userId : displayName);
        users.put(userId, user);
        return user;
    }

    @Override
    public synchronized List<QuestionInfo> questions(String roomId) {
        Map<String, QuestionInfo> room = questions.get(roomId);
        return room == null ? List.of() : List.copyOf(room.values());
    }

    @Override
    public synchronized Optional<QuestionInfo> addQuestion(String roomId, QuestionInfo question) {
        Map<String, QuestionInfo> room = questions.computeIfAbsent(roomId, id -> new LinkedHashMap<>());
        if (room.containsKey(question.id())) {
            return Optional.empty();
        }
        room.put(question.id(), question);
        return Optional.of(question);
    }

    @Override
    public synchronized Optional<QuestionInfo> updateQuestion(String roomId, String questionId,
            UnaryOperator<QuestionInfo> change) {
        Map<String, QuestionInfo> room = questions.get(roomId);
        QuestionInfo old = room == null ? null : room.get(questionId);
        if (old == null) {
            return Optional.empty();
        }
        QuestionInfo updated = change.apply(old);
        room.put(questionId, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized boolean deleteQuestion(String roomId, String questionId) {
        Map<String, QuestionInfo> room = questions.get(roomId);
        return room != null && room.remove(questionId) != null;
    }

    @Override
    public synchronized int addSubscription(String channel, String connectionId) {
        Set<String> ids = subscriptions.computeIfAbsent(channel, c -> new LinkedHashSet<>());
        ids.add(connectionId);
        return ids.size();
    }

    @Override
    public synchronized int removeSubscription(String channel, String connectionId) {
        Set<String> ids = subscriptions.computeIfAbsent(channel, c -> new LinkedHashSet<>());
        ids.remove(connectionId);
        return ids.size();
    }

    @Override
    public synchronized void removeSubscriptionEverywhere(String connectionId) {
        for (Set<String> ids : new ArrayList<>(subscriptions.values())) {
            ids.remove(connectionId);
        }
    }

    @Override
    public synchronized OptionalInt subscriptionCount(String channel) {
        Set<String> ids = subscriptions.get(channel);
        return ids == null ? OptionalInt.empty() : OptionalInt.of(ids.size());
    }
}
