package dev.tack.proxy.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the route for a request, as Pushpin's {@code DomainMap} does (docs/compatibility.md "Routes").
 *
 * <p>By host: the rules for the exact request host are used; only when that host has no rules at all are
 * the {@code *} rules used. So a host's rules shadow {@code *} completely, even when none of them matches
 * (a Pushpin quirk kept on purpose: docs/compatibility.md "Quirks"). Among the rules whose
 * protocol, TLS and path prefix match, the most specific wins: a rule with {@code proto} beats one without,
 * then the longer {@code path_beg}, then a rule with {@code ssl} beats one without; on a tie the earlier
 * line wins. (Pushpin compares these in a way that lets an {@code ssl} rule beat a longer {@code path_beg}
 * depending on line order; Tack applies the order above consistently.)
 *
 * <p>By id, for {@code Pushpin-Route: <id>} when {@code accept_pushpin_route} is on: only the id counts,
 * the path must still start with the route's {@code path_beg}, and an id used by more than one route
 * selects nothing.
 *
 * <p>Immutable and safe to share between event loops; build a new table to reload routes.
 */
public final class RouteTable {
    private final List<Route> routes;
    private final Map<String, List<Route>> byDomain = new HashMap<>();
    private final Map<String, Route> byId = new HashMap<>();

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        final Set<String> sharedIds = new HashSet<>();
        for (final Route r : this.routes) {
            if (r.domain() != null) {
                byDomain.computeIfAbsent(r.domain(), d -> new ArrayList<>()).add(r);
            }
            if (byId.putIfAbsent(r.id(), r) != null) {
                sharedIds.add(r.id());
            }
        }
        sharedIds.forEach(byId::remove);
    }

    /** Returns every route, in the order given. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * Returns the route for a request, or empty (the caller answers {@code 502 Route not found}).
     *
     * @param host      the request host without port ({@code Host} header or absolute URI); {@code null} when
     *                  the request has none, which only {@code *} rules serve
     * @param path      the encoded request path; a query after {@code ?} is ignored
     * @param websocket whether the request is a WebSocket upgrade
     * @param tls       whether the client connected over TLS
     */
    public Optional<Route> match(String host, String path, boolean websocket, boolean tls) {
        List<Route> rules = host == null ? null : byDomain.get(host.toLowerCase(Locale.ROOT));
        if (rules == null) {
            rules = byDomain.get(Route.ANY_HOST);
        }
        if (rules == null) {
            return Optional.empty();
        }
        final String p = withoutQuery(path);
        Route best = null;
        for (final Route r : rules) {
            if (r.matches(websocket, tls, p) && (best == null || moreSpecific(r, best))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Returns the route with this id, for the {@code Pushpin-Route} header; empty when no route (or more
     * than one) has the id, or when {@code path} does not start with the route's {@code path_beg}.
     */
    public Optional<Route> byId(String id, String path) {
        final Route r = byId.get(id);
        if (r == null || (r.pathBeg() != null && !withoutQuery(path).startsWith(r.pathBeg()))) {
            return Optional.empty();
        }
        return Optional.of(r);
    }

    private static boolean moreSpecific(Route a, Route b) {
        if ((a.proto() == null) != (b.proto() == null)) {
            return a.proto() != null;
        }
        final int aLen = a.pathBeg() == null ? 0 : a.pathBeg().length();
        final int bLen = b.pathBeg() == null ? 0 : b.pathBeg().length();
        if (aLen != bLen) {
            return aLen > bLen;
        }
        return a.ssl() != null && b.ssl() == null;
    }

    private static String withoutQuery(String path) {
        final int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
