package dev.tack.proxy.filter;

import java.util.Arrays;

/**
 * The filters that only decide whether a message is delivered (Pushpin's {@code filter.cpp}); content passes
 * through unchanged. Empty meta values never match anything.
 */
enum DeliveryFilter implements LocalFilter {
    /** Drops a message whose publish meta {@code sender} equals the subscriber's meta {@code user}. */
    SKIP_SELF("skip-self") {
        @Override
        boolean drop(FilterContext c) {
            String user = c.subscriptionMeta().getOrDefault("user", "");
            String sender = c.publishMeta().getOrDefault("sender", "");
            return !user.isEmpty() && user.equals(sender);
        }
    },
    /** Drops a message whose publish meta {@code skip_users} (comma list, parts trimmed) holds the user. */
    SKIP_USERS("skip-users") {
        @Override
        boolean drop(FilterContext c) {
            String user = c.subscriptionMeta().getOrDefault("user", "");
            return !user.isEmpty() && Arrays.stream(c.publishMeta().getOrDefault("skip_users", "").split(","))
                    .map(String::trim)
                    .anyMatch(user::equals);
        }
    },
    /** Drops a message whose publish meta {@code require_sub} names a channel the connection is not on. */
    REQUIRE_SUB("require-sub") {
        @Override
        boolean drop(FilterContext c) {
            String required = c.publishMeta().getOrDefault("require_sub", "");
            return !required.isEmpty() && !c.prevIds().containsKey(required);
        }
    };

    private final String name;

    DeliveryFilter(String name) {
        this.name = name;
    }

    abstract boolean drop(FilterContext context);

    @Override
    public String filterName() {
        return name;
    }

    @Override
    public FilterResult apply(FilterContext context, byte[] content) {
        return drop(context) ? FilterResult.DROP : new FilterResult.Send(content);
    }
}
