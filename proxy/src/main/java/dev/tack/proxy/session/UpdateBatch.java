package dev.tack.proxy.session;

import io.netty.util.concurrent.EventExecutor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * One paced low-priority update (Pushpin's {@code UpdateAction} in {@code httpsession.cpp}): up to {@value #MAX}
 * holds waiting to re-sync through the same next link (response holds share one key) are updated together when the
 * node's update limiter gives the batch its turn, each on its own event loop. Holds join the last batch of their key
 * while it has room, so a hundred streams whose link timed out together make one turn (and their identical fetches
 * then merge into one origin request, {@link SharedFetches}).
 *
 * <p>Changed only under the limiter's lock.
 */
final class UpdateBatch implements RateLimiter.Action {

    /** Pushpin's {@code UPDATES_PER_ACTION_MAX}. */
    static final int MAX = 100;

    /** A hold that can be updated. */
    interface Member {
        /** The hold's event loop, where {@link #update} runs. */
        EventExecutor loop();

        /** The batch's turn came: re-sync now, unless the hold left the batch meanwhile. */
        void update(UpdateBatch batch);
    }

    private final Set<Member> members = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Queues {@code member} for a paced update under {@code key} (its next link; {@code ""} for response holds).
     *
     * @return the batch it joined, to pass to {@link #leave} when the update is no longer wanted
     */
    static UpdateBatch join(RateLimiter limiter, String key, Member member) {
        UpdateBatch[] joined = new UpdateBatch[1];
        limiter.addOrJoin(key, UpdateBatch.class, last -> {
            if (last.members.size() >= MAX) {
                return false;
            }
            last.members.add(member);
            joined[0] = last;
            return true;
        }, () -> {
            UpdateBatch fresh = new UpdateBatch();
            fresh.members.add(member);
            joined[0] = fresh;
            return fresh;
        });
        return joined[0];
    }

    /** Takes {@code member} out of {@code batch} (the hold ended, or updates at once instead). */
    static void leave(RateLimiter limiter, UpdateBatch batch, Member member) {
        if (batch != null) {
            limiter.locked(() -> batch.members.remove(member));
        }
    }

    @Override
    public boolean execute() {
        if (members.isEmpty()) {
            return false;
        }
        for (Member member : members) {
            try {
                member.loop().execute(() -> member.update(this));
            } catch (RejectedExecutionException shuttingDown) {
                // That hold's loop is gone, and the hold with it.
            }
        }
        members.clear();
        return true;
    }

    @Override
    public String toString() {
        return "UpdateBatch[" + members.size() + " holds]";
    }
}
