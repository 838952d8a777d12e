package dev.tack.proxy.session;

import dev.tack.proxy.delivery.OutboxLimits;
import dev.tack.proxy.history.History;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.origin.Origin;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;

/**
 * The collaborators every client connection shares, built once by the composition root.
 *
 * @param origin the one way to call origins; its {@link Origin#time()} is every session timer's source too
 * @param subscriptionMax {@code connection_subscription_max}: channels beyond it are dropped silently
 * @param outbox how much may wait for one slow client, and for how long
 * @param debug {@code [proxy] debug}: error bodies carry the reason
 * @param logFrom {@code [proxy] log_from}: request log lines name the client's address ({@code from=})
 * @param logUserAgent {@code [proxy] log_user_agent}: request log lines carry the {@code User-Agent} ({@code ua=})
 * @param grip what the node's holds share for reliable GRIP (next links, last ids, pacing)
 * @param history channel history for resuming clients ({@link History#off()} when none is kept)
 */
public record ProxyEnvironment(Origin origin, SubscriptionRegistry registry, TackMetrics metrics, int subscriptionMax,
        OutboxLimits outbox, boolean debug, boolean logFrom, boolean logUserAgent, ReliableGrip grip, History history) {

    /** How many messages may wait for one slow client. */
    public int outboxMax() {
        return outbox.maxMessages();
    }

    public TimeSource time() {
        return origin.time();
    }
}
