package dev.tack.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * Publishing and subscriptions, from {@code [handler]} (docs/compatibility.md "Publishing", "Configuration").
 * ZeroMQ specs already carry the port offset; an empty spec means that input is off.
 *
 * @param pushInHttpMaxBodySize     {@code push_in_http_max_body_size} (1000000 bytes)
 * @param pushInHttpMaxHeadersSize  {@code push_in_http_max_headers_size} (10000 bytes)
 * @param pushInSpec                {@code push_in_spec} ({@code tcp://127.0.0.1:5560}): ZeroMQ PULL bind
 * @param pushInSubSpecs            {@code push_in_sub_specs} ({@code tcp://127.0.0.1:5562}) plus the legacy
 *                                  {@code push_in_sub_spec}: ZeroMQ SUB sockets
 * @param pushInSubConnect          {@code push_in_sub_connect} (false): SUB sockets connect instead of bind
 * @param commandSpec               {@code command_spec} ({@code tcp://127.0.0.1:5563}): ZeroMQ REP bind
 * @param messageWaitMillis         {@code message_wait} (5000): how long an out-of-order item waits for its gap
 * @param idCacheTtlSeconds         {@code id_cache_ttl} (0 = off): duplicate item ids are dropped this long
 * @param connectionSubscriptionMax {@code connection_subscription_max} (20): channels per connection
 * @param subscriptionLingerSeconds {@code subscription_linger} (60): response-hold subscriptions linger this long
 * @param updateOnFirstSubscription {@code update_on_first_subscription} (true): re-ask the origin about 1 s
 *                                  after a channel's first subscriber
 * @param messageRate               {@code message_rate} (0 = unlimited): delivered items per second
 * @param messageHwm                {@code message_hwm} (0 = unlimited): items queued past the rate limit
 * @param prometheusListener        {@code prometheus_port} of {@code [handler]} (else of {@code [proxy]}), or
 *                                  {@code null} for no metrics endpoint
 * @param prometheusPrefix          {@code prometheus_prefix}: prepended to every metric name
 */
public record HandlerSettings(int pushInHttpMaxBodySize, int pushInHttpMaxHeadersSize, String pushInSpec,
                              List<String> pushInSubSpecs, boolean pushInSubConnect, String commandSpec,
                              int messageWaitMillis, int idCacheTtlSeconds, int connectionSubscriptionMax,
                              int subscriptionLingerSeconds, boolean updateOnFirstSubscription, int messageRate,
                              int messageHwm, ListenAddress prometheusListener, String prometheusPrefix) {
    public HandlerSettings {
        Objects.requireNonNull(pushInSpec, "pushInSpec");
        pushInSubSpecs = List.copyOf(pushInSubSpecs);
        Objects.requireNonNull(commandSpec, "commandSpec");
        Objects.requireNonNull(prometheusPrefix, "prometheusPrefix");
    }
}
