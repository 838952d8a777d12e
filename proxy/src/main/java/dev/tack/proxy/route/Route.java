package dev.tack.proxy.route;

import dev.tack.api.Header;
import java.util.List;
import java.util.Objects;

/**
 * One line of the routes file: a condition, options, and targets. For example
 * <pre>
 * api.example.com,path_beg=/api/,replace_beg=/,id=api,sig_key=secret backend:8080,over_http backup:8080
 * </pre>
 * routes requests for {@code api.example.com/api/...} to {@code backend:8080}, then {@code backup:8080},
 * asking for {@code /...}.
 *
 * @param id              {@code id=}, else an id made from the condition,
 *                        {@code <host|*>,<http|ws|*>,<ssl token>,<path_beg|*>} (Pushpin's form, including its
 *                        inverted ssl token: {@code ssl=no} gives {@code ssl} and {@code ssl=yes} {@code no-ssl})
 * @param domain          the host the route serves (lower case), {@code *} for any host, or {@code null} for a
 *                        route that only {@code Pushpin-Route: <id>} can select
 * @param proto           {@code proto=}: {@code http}, {@code ws}, or {@code null} for both
 * @param ssl             {@code ssl=yes|no}: only TLS / only plain clients, or {@code null} for both
 * @param pathBeg         {@code path_beg=}: the encoded path must start with this (never empty), or {@code null}
 * @param sigIss          {@code sig_iss=}: overrides {@code [proxy] sig_iss}, or {@code null}
 * @param sigKey          {@code sig_key=}: overrides {@code [proxy] sig_key} (same formats), or {@code null}
 * @param channelPrefix   {@code prefix=}: prepended to every channel the origin names; {@code ""} for none
 * @param asHost          {@code as_host=host[:port]}: the request's host as the origin sees it, or {@code null}
 * @param pathRem         {@code path_rem=N}: characters removed from the start of the path
 * @param replaceBeg      {@code replace_beg=}: replaces the {@code path_beg} prefix (or, without
 *                        {@code path_beg}, is put in front of the path), or {@code null}
 * @param headers         {@code header=Name:Value} (repeatable): set on the origin request; an empty value removes
 * @param debug           {@code debug}: detailed error bodies for this route
 * @param noGrip          {@code no_grip}: plain reverse proxy; no GRIP processing, no {@code Grip-Sig}
 * @param autoCrossOrigin {@code aco}: CORS headers and JSON-P on this route's responses
 * @param targets         where to send the request, tried in order (never empty)
 * @param jsonp           {@code jsonp_*}: how JSON-P works where cross-origin handling is on
 * @param logLevel        {@code log_level=N}: the most detailed level this route's request lines are logged at
 *                        (Pushpin's numbers: 0 error ... 3 debug), or {@link #NO_LOG_LEVEL}
 */
public record Route(String id, String domain, String proto, Boolean ssl, String pathBeg, String sigIss,
                    String sigKey, String channelPrefix, String asHost, int pathRem, String replaceBeg,
                    List<Header> headers, boolean debug, boolean noGrip, boolean autoCrossOrigin,
                    List<Target> targets, JsonpOptions jsonp, int logLevel) {
    /** The {@link #domain} of a route that serves any host. */
    public static final String ANY_HOST = "*";
    /** The {@link #logLevel} of a route without {@code log_level}: the global level decides. */
    public static final int NO_LOG_LEVEL = -1;

    /** A route with Pushpin's JSON-P defaults and no {@code log_level}. */
    public Route(String id, String domain, String proto, Boolean ssl, String pathBeg, String sigIss, String sigKey,
            String channelPrefix, String asHost, int pathRem, String replaceBeg, List<Header> headers, boolean debug,
            boolean noGrip, boolean autoCrossOrigin, List<Target> targets) {
        this(id, domain, proto, ssl, pathBeg, sigIss, sigKey, channelPrefix, asHost, pathRem, replaceBeg, headers,
                debug, noGrip, autoCrossOrigin, targets, JsonpOptions.defaults(), NO_LOG_LEVEL);
    }

    public Route {
        Objects.requireNonNull(jsonp, "jsonp");
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("id: " + id + " (expected: a non-empty route id)");
        }
        if (proto != null && !proto.equals("http") && !proto.equals("ws")) {
            throw new IllegalArgumentException("proto: " + proto + " (expected: http, ws or null)");
        }
        if (pathBeg != null && pathBeg.isEmpty()) {
            throw new IllegalArgumentException("pathBeg: (empty) (expected: a path prefix or null)");
        }
        if (pathRem < 0) {
            throw new IllegalArgumentException("pathRem: " + pathRem + " (expected: >= 0)");
        }
        Objects.requireNonNull(channelPrefix, "channelPrefix");
        headers = List.copyOf(headers);
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("targets: [] (expected: at least one target)");
        }
    }

    /**
     * Returns the request target to send to the origin: {@code path_rem} characters removed from the start
     * of the path, or with {@code replace_beg} the {@code path_beg} prefix replaced; the query is kept.
     * An empty result becomes {@code /}. With {@code path_beg=/api/,replace_beg=/v2/},
     * {@code /api/items?x=1} becomes {@code /v2/items?x=1}.
     *
     * @param pathAndQuery the encoded request target in origin form, e.g. {@code /api/items?x=1}
     */
    public String rewritePath(String pathAndQuery) {
        final int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        final String query = q < 0 ? "" : pathAndQuery.substring(q);
        final int remove = replaceBeg != null ? (pathBeg == null ? 0 : pathBeg.length()) : pathRem;
        path = path.substring(Math.min(remove, path.length()));
        if (replaceBeg != null) {
            path = replaceBeg + path;
        }
        return (path.isEmpty() ? "/" : path) + query;
    }

    /** Whether this route's request lines may be logged at Pushpin's {@code level} (3 is debug). */
    public boolean logsAt(int level) {
        return logLevel == NO_LOG_LEVEL || level <= logLevel;
    }

    /** Whether the condition's protocol, TLS and path parts match; the host was matched by the caller. */
    boolean matches(boolean websocket, boolean tls, String path) {
        return (proto == null || proto.equals(websocket ? "ws" : "http"))
                && (ssl == null || ssl == tls)
                && (pathBeg == null || path.startsWith(pathBeg));
    }

    /** Whether this route's condition has the same protocol, TLS and path parts as {@code other}'s. */
    boolean sameCondition(Route other) {
        return Objects.equals(proto, other.proto) && Objects.equals(ssl, other.ssl)
                && Objects.equals(pathBeg, other.pathBeg);
    }
}
