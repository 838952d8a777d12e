package dev.tack.proxy.filter;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the filters may read about one message on one subscription.
 *
 * @param subscriptionMeta the subscriber's meta: {@code Grip-Set-Meta} / JSON {@code hold.meta} for HTTP holds,
 *     {@code c:set-meta} for WebSockets. Keys filters read: {@code user}, {@code id_format}, {@code id_encoding},
 *     {@code url}, and any key {@code var-subst} names
 * @param publishMeta the item's {@code meta}: {@code sender}, {@code skip_users}, {@code require_sub}
 * @param prevIds every channel the connection is subscribed to, mapped to its prev-id or to null when it has none;
 *     {@code require-sub} reads the keys, {@code build-id} the ids. For an item with an id on a channel whose
 *     prev-id is tracked, pass the map after that item ({@link #afterItem}), so {@code %I} names the item being
 *     delivered, as in Pushpin 1.36
 * @param requestUri the client's original request URI, or null; {@code http-check}/{@code http-modify} go through
 *     the proxy's own route when their URL has the same scheme, host and port
 * @param currentUri the URI relative filter URLs resolve against (the last next link fetched, else the request
 *     URI), or null
 */
public record FilterContext(Map<String, String> subscriptionMeta, Map<String, String> publishMeta,
        Map<String, String> prevIds, URI requestUri, URI currentUri) {

    public FilterContext {
        subscriptionMeta = Map.copyOf(subscriptionMeta);
        publishMeta = Map.copyOf(publishMeta);
        // prev-ids may be null, which Map.copyOf refuses
        prevIds = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(prevIds, "prevIds")));
    }

    /** Returns a context without request URIs (enough for every filter but the HTTP ones). */
    public static FilterContext of(Map<String, String> subscriptionMeta, Map<String, String> publishMeta,
            Map<String, String> prevIds) {
        return new FilterContext(subscriptionMeta, publishMeta, prevIds, null, null);
    }

    /**
     * Returns the prev-ids a session holds after delivering an item: the item's channel moves to {@code itemId}
     * when its prev-id is tracked (not null), and every other channel stays. An item without an id stops the
     * tracking (its channel maps to null), as in Pushpin's {@code httpsession.cpp}.
     */
    public static Map<String, String> afterItem(Map<String, String> prevIds, String channel, String itemId) {
        if (prevIds.get(channel) == null) {
            return prevIds;
        }
        Map<String, String> out = new LinkedHashMap<>(prevIds);
        out.put(channel, itemId);
        return out;
    }
}
