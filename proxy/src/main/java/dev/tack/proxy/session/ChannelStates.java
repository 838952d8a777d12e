package dev.tack.proxy.session;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.subscription.ItemWatcher;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.netty.util.concurrent.EventExecutor;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node knows about each channel its holds listen on, as Pushpin's handler keeps it per subscription
 * ({@code handlerengine.cpp}, docs/compatibility.md "Reliable GRIP"):
 * <ul>
 *   <li>the channel's <b>last published id</b>, which a hold's {@code prev-id} is checked against; it is known only
 *       while the channel is subscribed, forgotten when the subscription goes, on {@code recover}, and when a hold
 *       finds it inconsistent;</li>
 *   <li>the <b>first subscription</b>: about a second ({@value #SUBSCRIBED_DELAY_MILLIS} ms) after a channel's first
 *       subscriber, every hold on it is updated ({@code update_on_first_subscription}), which closes the race of a
 *       publish landing between the origin's answer and the subscription;</li>
 *   <li>the <b>linger</b> ({@code subscription_linger}): when the last listener to leave was a long-poll, the
 *       subscription stays that long, so the client's next poll finds its last id and is no first subscription.</li>
 * </ul>
 * Every hold's subscription counts (WebSockets too), through {@link Subscriptions}. Thread safe: holds on every event
 * loop call it, published items arrive from the receiving side ({@link ItemWatcher}); timers run on the loop of the
 * hold that started them.
 */
final class ChannelStates implements ItemWatcher {

    private static final Logger log = LoggerFactory.getLogger(ChannelStates.class);
    /** Pushpin's {@code SUBSCRIBED_DELAY}. */
    static final long SUBSCRIBED_DELAY_MILLIS = 1000;

    /** One subscribed (or lingering) channel. */
    private static final class State {
        int holds;
        /** Bumped whenever the channel stops lingering, so an older linger timer knows it no longer applies. */
        long generation;
        String lastId;
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
    private final SubscriptionRegistry registry;
    private final TimeSource time;
    private final boolean updateOnFirstSubscription;
    private final long lingerMillis;

    /**
     * @param updateOnFirstSubscription {@code update_on_first_subscription}
     * @param lingerMillis {@code subscription_linger}: how long a channel whose last listener was a long-poll stays
     */
    ChannelStates(SubscriptionRegistry registry, TimeSource time, boolean updateOnFirstSubscription,
            long lingerMillis) {
        this.registry = registry;
        this.time = time;
        this.updateOnFirstSubscription = updateOnFirstSubscription;
        this.lingerMillis = lingerMillis;
    }

    /**
     * A hold on {@code loop} subscribed to {@code channel}.
     *
     * @param mayBeFirst whether it counts as the channel's first subscription when the channel has none
     */
    void subscribed(String channel, boolean mayBeFirst, EventExecutor loop) {
        State[] fresh = new State[1];
        states.compute(channel, (name, state) -> {
            if (state == null) {
                state = new State();
                fresh[0] = state;
            }
            state.holds++;
            state.generation++;
            return state;
        });
        if (fresh[0] != null && updateOnFirstSubscription && mayBeFirst) {
            State first = fresh[0];
            schedule(loop, () -> {
                // Only for the subscription it was started for: a channel that went and came back has its own.
                if (states.get(channel) == first) {
                    log.debug("first subscription on channel {}: updating its holds", channel);
                    registry.update(channel);
                }
            }, SUBSCRIBED_DELAY_MILLIS);
        }
    }

    /**
     * A hold on {@code loop} left {@code channel}.
     *
     * @param lingers whether the hold was a long-poll: then a channel left without listeners lingers
     */
    void unsubscribed(String channel, boolean lingers, EventExecutor loop) {
        long[] lingering = {-1};
        states.computeIfPresent(channel, (name, state) -> {
            if (--state.holds > 0) {
                return state;
            }
            if (!lingers || lingerMillis <= 0) {
                return null;
            }
            lingering[0] = state.generation;
            return state;
        });
        if (lingering[0] >= 0) {
            long generation = lingering[0];
            schedule(loop, () -> states.computeIfPresent(channel,
                    (name, state) -> state.holds == 0 && state.generation == generation ? null : state), lingerMillis);
        }
    }

    /** The channel's last published id, or null when none is known. */
    String lastId(String channel) {
        State state = states.get(channel);
        return state == null ? null : state.lastId;
    }

    /** Forgets the channel's last published id (a hold found it inconsistent). */
    void forgetLastId(String channel) {
        states.computeIfPresent(channel, (name, state) -> {
            state.lastId = null;
            return state;
        });
    }

    /** Whether the channel is subscribed or lingering (tests). */
    boolean tracks(String channel) {
        return states.containsKey(channel);
    }

    @Override
    public void published(PublishItem item) {
        // Ids are tracked for subscribed channels only, as Pushpin sequences only what someone listens to.
        states.computeIfPresent(item.channel(), (name, state) -> {
            state.lastId = item.id();
            return state;
        });
    }

    @Override
    public void recovered(Collection<String> channels) {
        (channels == null ? states.keySet() : channels).forEach(this::forgetLastId);
    }

    private void schedule(EventExecutor loop, Runnable task, long millis) {
        try {
            time.schedule(loop, task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("channel timer not set: the event loops are shutting down");
        }
    }
}
