package dev.tack.proxy.session;

import dev.tack.proxy.origin.Origin;
import dev.tack.proxy.subscription.ItemWatcher;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.netty.util.concurrent.EventExecutor;

/**
 * What the holds of the whole node share for reliable GRIP (docs/compatibility.md "Reliable GRIP"), built once by the
 * composition root: what is known about each channel ({@link ChannelStates}: last ids, first-subscription updates,
 * the long-poll linger), the pacing of low-priority updates (Pushpin's 10 per second, batched) and of
 * {@code http-check}/{@code http-modify} calls (100 per second), and the merging of identical next-link fetches.
 */
public final class ReliableGrip {

    /** Pushpin's {@code updateLimiter->setRate(10)}. */
    static final int UPDATES_PER_SECOND = 10;
    /** Pushpin's {@code filterLimiter->setRate(100)}. */
    static final int FILTER_CALLS_PER_SECOND = 100;

    /**
     * The keys of {@code [handler]} that shape reliable GRIP.
     *
     * @param updateOnFirstSubscription {@code update_on_first_subscription} (true): about a second after a channel's
     *     first subscriber, its holds are updated (long-polls re-asked, streams with next links fetched)
     * @param subscriptionLingerMillis {@code subscription_linger} (60 s): how long a channel whose last listener was a
     *     long-poll stays subscribed, keeping its last id, so the client's next poll is no first subscription
     */
    public record Settings(boolean updateOnFirstSubscription, long subscriptionLingerMillis) {

        public Settings {
            if (subscriptionLingerMillis < 0) {
                throw new IllegalArgumentException("subscriptionLingerMillis: " + subscriptionLingerMillis
                        + " (expected: >= 0)");
            }
        }

        /** Pushpin's defaults. */
        public static Settings defaults() {
            return new Settings(true, 60_000);
        }
    }

    private final Origin origin;
    private final ChannelStates channels;
    private final RateLimiter updates;
    private final RateLimiter filterCalls;
    private final SharedFetches fetches;

    /**
     * @param timerLoop where the pacing timers run
     */
    public ReliableGrip(Origin origin, SubscriptionRegistry registry, EventExecutor timerLoop, Settings settings) {
        this.origin = origin;
        TimeSource time = origin.time();
        this.channels = new ChannelStates(registry, time, settings.updateOnFirstSubscription(),
                settings.subscriptionLingerMillis());
        this.updates = new RateLimiter(UPDATES_PER_SECOND, true, time, timerLoop);
        this.filterCalls = new RateLimiter(FILTER_CALLS_PER_SECOND, false, time, timerLoop);
        this.fetches = new SharedFetches(origin);
    }

    /** What the registry tells of published items and recovers: install it with {@link SubscriptionRegistry#watch}. */
    public ItemWatcher watcher() {
        return channels;
    }

    Origin origin() {
        return origin;
    }

    ChannelStates channels() {
        return channels;
    }

    RateLimiter updates() {
        return updates;
    }

    RateLimiter filterCalls() {
        return filterCalls;
    }

    SharedFetches fetches() {
        return fetches;
    }
}
