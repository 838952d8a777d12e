package dev.tack.proxy.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;

/** What every metrics-port connection shares: built once per server by {@link AdminChannelInitializer}. */
record AdminState(TackMetrics metrics, SubscriptionRegistry registry, AdminSettings settings, StaticFiles files,
        StatusSampler sampler, StatusFeed feed, ObjectMapper json) {
}
