package dev.tack.demo.qa;

import dev.tack.api.client.PublishException;
import dev.tack.api.client.PublisherClient;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's rules: applies a {@link ClientMessage} to the {@link QaStore} and says what to publish, then
 * publishes it. Nothing is ever sent to a single connection: every effect reaches the whole room (the sender
 * included) as a {@code ws-message} on {@code room-<roomId>}, as in Fastly's original. Both the
 * WebSocket ({@link QaSocket}) and the REST routes ({@link QaRoutes}) go through here. Thread-safe.
 *
 * <p>Each room's messages are numbered, 1, 2, 3...: the number is the item's {@code id} and the message's {@code
 * eventId}, and {@link #full} says the last one. A page that loses its WebSocket reconnects with {@code
 * recover=<the last eventId it applied>}, and a proxy that keeps the room's history (Tack, docs/history.md) replays
 * what it missed, so the page catches up without loading the room again.
 */
public final class QaBoard {
    private static final Logger log = LoggerFactory.getLogger(QaBoard.class);

    /** One message for one room's channel. */
    public record Broadcast(String channel, String json) {
    }

    /**
     * A room with everything the page draws: {@code GET /api/room/{roomId}/full}.
     *
     * @param lastEventId the {@code eventId} of the room's last message published before this was read, or null
     */
    public record FullRoom(RoomInfo roomInfo, List<QuestionInfo> questions, Map<String, UserInfo> userInfos,
            String lastEventId) {
    }

    private final QaStore store;
    private final PublisherClient publisher;
    private final Clock clock;
    /** Channel → the number of its last published message; guarded by {@code this}. */
    private final Map<String, Long> lastEventIds = new HashMap<>();

    public QaBoard(QaStore store, PublisherClient publisher, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The channel of a room: {@code room-<roomId>}. */
    public static String channel(String roomId) {
        return "room-" + roomId;
    }

    public QaStore store() {
        return store;
    }

    /**
     * Applies one message sent on a connection in {@code connectionRoom} (the channel of a user rename, and the
     * room of messages that name none) and returns what to publish.
     *
     * @throws QaException when the message names a question that does not exist or exists already
     */
    public List<Broadcast> apply(ClientMessage message, String connectionRoom) throws QaException {
        String roomId = message.roomId() != null ? message.roomId() : connectionRoom;
        String channel = channel(roomId);
        if (message instanceof ClientMessage.UserInfoUpdate m) {
            UserInfo user = store.updateUser(m.userId(), m.displayName());
            return List.of(new Broadcast(channel(connectionRoom), QaMessages.userInfoUpdated(user)));
        }
        if (message instanceof ClientMessage.RoomInfoUpdate m) {
            RoomInfo room = store.updateRoom(roomId, m.displayName(), m.themeColor());
            return List.of(new Broadcast(channel, QaMessages.roomInfoUpdated(room)));
        }
        if (message instanceof ClientMessage.QuestionPost m) {
            store.room(roomId).orElseGet(() -> store.updateRoom(roomId, null, null));
            QuestionInfo question = store.addQuestion(roomId,
                    QuestionInfo.asked(m.questionId(), m.questionText(), now(), m.userId()))
                    .orElseThrow(() -> QaException.alreadyExists("question " + m.questionId() + " in room " + roomId));
            return List.of(new Broadcast(channel, QaMessages.questionPosted(roomId, question,
                    store.user(m.userId()).orElse(null))));
        }
        if (message instanceof ClientMessage.QuestionAnswer m) {
            String at = now();
            QuestionInfo question = store.updateQuestion(roomId, m.questionId(),
                    q -> q.withAnswer(m.answerAuthor(), m.answerText(), at))
                    .orElseThrow(() -> questionNotFound(roomId, m.questionId()));
            return List.of(new Broadcast(channel, QaMessages.questionAnswered(roomId, question,
                    store.user(m.answerAuthor()).orElse(null))));
        }
        if (message instanceof ClientMessage.QuestionDelete m) {
            if (!store.deleteQuestion(roomId, m.questionId())) {
                throw questionNotFound(roomId, m.questionId());
            }
            return List.of(new Broadcast(channel, QaMessages.questionDeleted(roomId, m.questionId())));
        }
        ClientMessage.QuestionUpvote m = (ClientMessage.QuestionUpvote) message;
        QuestionInfo question = store.updateQuestion(roomId, m.questionId(),
                q -> q.withVote(m.userId(), m.removeUpvote()))
                .orElseThrow(() -> questionNotFound(roomId, m.questionId()));
        UserInfo voter = m.removeUpvote() ? null : store.user(m.userId()).orElse(null);
        return List.of(new Broadcast(channel, QaMessages.questionUpvoted(roomId, question, voter)));
    }

    /**
     * Publishes broadcasts as {@code ws-message} items, all in one publish request, each numbered in its room (the
     * item id and the message's {@code eventId}). Numbering and publishing share one lock, so a room's numbers reach
     * the proxy in order.
     */
    public synchronized void publish(List<Broadcast> broadcasts) throws PublishException {
        if (broadcasts.isEmpty()) {
            return;
        }
        List<PublishItem> items = new ArrayList<>(broadcasts.size());
        Map<String, Long> before = new HashMap<>(lastEventIds);
        for (Broadcast b : broadcasts) {
            long eventId = lastEventIds.merge(b.channel(), 1L, Long::sum);
            items.add(PublishItem.of(b.channel(), WsMessageFormat.text(QaMessages.withEventId(b.json(), eventId)))
                    .withId(String.valueOf(eventId)));
        }
        try {
            publisher.publish(items);
        } catch (PublishException e) {
            // Nothing was published: the numbers are free again.
            lastEventIds.clear();
            lastEventIds.putAll(before);
            throw e;
        }
        log.debug("published {} message(s) to {}", items.size(), broadcasts.get(0).channel());
    }

    /**
     * The room (its defaults when unknown), its questions most-voted first, the users it mentions, and its last
     * message's number, read first: a message published meanwhile is then after it, and a page that resumes from
     * it gets that message again rather than missing it (applying a message twice changes nothing).
     */
    public FullRoom full(String roomId) {
        String lastEventId;
        synchronized (this) {
            Long last = lastEventIds.get(channel(roomId));
            lastEventId = last == null ? null : String.valueOf(last);
        }
        RoomInfo room = store.room(roomId).orElse(RoomInfo.withDefaults(roomId));
        List<QuestionInfo> questions = new ArrayList<>(store.questions(roomId));
        questions.sort(QuestionInfo.BY_VOTES);
        Map<String, UserInfo> users = new TreeMap<>();
        for (QuestionInfo q : questions) {
            addUser(users, q.author());
            q.upVotes().forEach(id -> addUser(users, id));
            if (q.answerAuthor() != null) {
                addUser(users, q.answerAuthor());
            }
        }
        return new FullRoom(room, questions, users, lastEventId);
    }

    private void addUser(Map<String, UserInfo> users, String userId) {
        store.user(userId).ifPresent(u -> users.put(u.id(), u));
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static QaException questionNotFound(String roomId, String questionId) {
        return QaException.notFound("question " + questionId + " in room " + roomId);
    }
}
