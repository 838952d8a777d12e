package dev.tack.proxy.origin;

import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;

/**
 * The collaborators every proxied request shares, built once by the composition root.
 *
 * @param subscriptionMax {@code connection_subscription_max}: channels beyond it are dropped silently
 * @param outboxMax messages that may wait for one slow client
 * @param debug {@code [proxy] debug}: error bodies carry the reason
 * @param timings how long origins may take
 */
public record ProxyEnvironment(OriginClient originClient, SubscriptionRegistry registry, TackMetrics metrics,
        Signers signers, ForwardingPolicy forwarding, int subscriptionMax, int outboxMax, boolean debug,
        OriginTimings timings) {
}
