package dev.tack.proxy.route;

import dev.tack.api.Header;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads routes in Pushpin's routes file syntax (docs/compatibility.md "Routes"): one route per line,
 * a condition then one or more targets, for example
 * <pre>
 * # comment
 * *                      localhost:8080,over_http
 * api.example.com,path_beg=/v1/,replace_beg=/ backend:8080,ssl,host=api.internal backup:8080
 * id=origin_0            127.0.0.1:7676,over_http
 * </pre>
 *
 * <p>Lines Pushpin skips with a warning are skipped with a warning here too: fewer than two sections, a
 * condition with neither a host nor an explicit {@code id}, and a condition repeated for the same host.
 * Lines Pushpin also skips but that are plainly broken (bad quoting, an empty prop name, {@code proto=tcp},
 * a target without a port, a ZeroMQ {@code zhttp/} target) stop the start with a {@link RoutesException}
 * instead, since a silently missing route only shows up later as {@code 502 Route not found}. Props Tack
 * does not implement are ignored with a warning; props it does not know are ignored with a warning.
 */
public final class RoutesParser {
    private static final Set<String> CONDITION_PROPS = Set.of("proto", "ssl", "id", "path_beg", "sig_iss", "sig_key",
            "prefix", "as_host", "path_rem", "replace_beg", "header", "debug", "aco", "no_grip", "log_level");
    private static final Set<String> CONDITION_UNSUPPORTED = Set.of("orig_headers", "jsonp_mode", "jsonp_cb",
            "jsonp_body", "jsonp_defcb", "jsonp_defmethod", "session", "sockjs", "sockjs_as_path");
    private static final Set<String> TARGET_PROPS = Set.of("ssl", "insecure", "host", "sub", "over_http", "one_event",
            "untrusted", "trust_connect_host", "ipc_file_mode");
    private static final Set<String> TARGET_UNSUPPORTED = Set.of("client_cert", "client_key");

    private RoutesParser() {
    }

    /** Parses {@code lines}, naming them {@code routes:N} in messages. */
    public static List<Route> parse(List<String> lines, Consumer<String> warnings) throws RoutesException {
        return parse("routes", lines, warnings);
    }

    /**
     * Parses {@code lines}.
     *
     * @param source   names the lines in messages ({@code source:N: ...}), e.g. the file path or {@code --route}
     * @param warnings receives one message per skipped line or ignored prop
     * @throws RoutesException for a broken line, naming source, line number, the value and what was expected
     */
    public static List<Route> parse(String source, List<String> lines, Consumer<String> warnings)
            throws RoutesException {
        final List<Route> routes = new ArrayList<>();
        final Map<String, Integer> idLines = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            final String where = source + ":" + (i + 1) + ": ";
            final List<RouteSection> sections;
            try {
                sections = RouteLineTokenizer.tokenize(lines.get(i));
            } catch (IllegalArgumentException e) {
                throw new RoutesException(where + e.getMessage(), e);
            }
            if (sections.isEmpty()) {
                continue;
            }
            if (sections.size() < 2) {
                warnings.accept(where + "a route needs a condition and at least one target; line skipped");
                continue;
            }
            final Route route = route(where, sections, warnings);
            if (route.domain() == null && !sections.get(0).has("id")) {
                warnings.accept(where + "condition has neither a host nor an id; line skipped");
                continue;
            }
            if (route.domain() != null && routes.stream()
                    .anyMatch(r -> route.domain().equals(r.domain()) && r.sameCondition(route))) {
                warnings.accept(where + "skipping duplicate condition for host " + route.domain());
                continue;
            }
            final Integer firstLine = idLines.putIfAbsent(route.id(), i + 1);
            if (firstLine != null) {
                warnings.accept(where + "route id '" + route.id() + "' is also used on line " + firstLine
                        + "; Pushpin-Route cannot select either");
            }
            routes.add(route);
        }
        return routes;
    }

    private static Route route(String where, List<RouteSection> sections, Consumer<String> warnings)
            throws RoutesException {
        final RouteSection c = sections.get(0);
        checkProps(where, "condition", c, CONDITION_PROPS, CONDITION_UNSUPPORTED, warnings);
        final String domain = c.value().isEmpty() ? null
                : c.value().equals(Route.ANY_HOST) ? Route.ANY_HOST : c.value().toLowerCase(Locale.ROOT);
        final String proto = c.value("proto");
        if (proto != null && !proto.equals("http") && !proto.equals("ws")) {
            throw new RoutesException(where + "proto=" + proto + " (expected: http or ws)");
        }
        final String ssl = c.value("ssl");
        if (ssl != null && !ssl.equals("yes") && !ssl.equals("no")) {
            throw new RoutesException(where + "ssl=" + ssl + " (expected: yes or no)");
        }
        final String pathBeg = c.value("path_beg");
        if (pathBeg != null && pathBeg.isEmpty()) {
            throw new RoutesException(where + "path_beg= (expected: a non-empty path prefix)");
        }
        final String explicitId = c.value("id");
        if (explicitId != null && explicitId.isEmpty()) {
            throw new RoutesException(where + "id= (expected: a non-empty route id)");
        }
        final Boolean sslFlag = ssl == null ? null : ssl.equals("yes");
        final String id = explicitId != null ? explicitId : autoId(domain, proto, sslFlag, pathBeg);
        final List<Target> targets = new ArrayList<>();
        for (final RouteSection t : sections.subList(1, sections.size())) {
            targets.add(target(where, t, warnings));
        }
        final String prefix = c.value("prefix");
        return new Route(id, domain, proto, sslFlag, pathBeg, c.value("sig_iss"), c.value("sig_key"),
                prefix == null ? "" : prefix, c.value("as_host"), pathRem(where, c.value("path_rem")),
                c.value("replace_beg"), headers(where, c.values("header")), c.has("debug"), c.has("no_grip"),
                c.has("aco"), targets);
    }

    /** Pushpin's generated id, ssl token inverted as in Pushpin so that ids match between the two. */
    private static String autoId(String domain, String proto, Boolean ssl, String pathBeg) {
        final String sslToken = ssl == null ? "*" : ssl ? "no-ssl" : "ssl";
        return (domain == null ? "*" : domain) + "," + (proto == null ? "*" : proto) + "," + sslToken + ","
                + (pathBeg == null ? "*" : pathBeg);
    }

    private static int pathRem(String where, String value) throws RoutesException {
        if (value == null) {
            return 0;
        }
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new RoutesException(where + "path_rem=" + value + " (expected: a number of characters >= 0)");
        }
        return Integer.parseInt(value);
    }

    private static List<Header> headers(String where, List<String> values) throws RoutesException {
        final List<Header> out = new ArrayList<>();
        for (final String h : values) {
            final int colon = h.indexOf(':');
            if (colon < 1) {
                throw new RoutesException(where + "header=" + h + " (expected: header=Name:Value)");
            }
            out.add(new Header(h.substring(0, colon), h.substring(colon + 1).stripLeading()));
        }
        return out;
    }

    private static Target target(String where, RouteSection t, Consumer<String> warnings) throws RoutesException {
        checkProps(where, "target", t, TARGET_PROPS, TARGET_UNSUPPORTED, warnings);
        final String v = t.value();
        final boolean test = v.equals("test");
        String host = null;
        int port = 0;
        if (v.startsWith("zhttp/") || v.startsWith("zhttpreq/")) {
            throw new RoutesException(where + "target " + v + " (expected: host:port or test; "
                    + "Tack does not speak ZHTTP over ZeroMQ)");
        }
        if (!test) {
            final int colon = v.startsWith("[") ? v.indexOf("]:") + 1 : v.indexOf(':');
            final String portText = colon <= 0 ? "" : v.substring(colon + 1);
            host = colon <= 0 ? "" : v.startsWith("[") ? v.substring(1, colon - 1) : v.substring(0, colon);
            if (host.isEmpty() || portText.isEmpty() || portText.length() > 5
                    || !portText.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                    || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
                throw new RoutesException(where + "target " + (v.isEmpty() ? "(empty)" : v)
                        + " (expected: host:port, [ipv6]:port or test, with port 1-65535)");
            }
            port = Integer.parseInt(portText);
        }
        final List<String> subs = new ArrayList<>(t.values("sub"));
        subs.removeIf(String::isEmpty);
        return new Target(host, port, test, t.has("ssl"), t.has("over_http"), t.value("host"), subs,
                t.has("one_event"), t.has("insecure"));
    }

    private static void checkProps(String where, String kind, RouteSection s, Set<String> known,
                                   Set<String> unsupported, Consumer<String> warnings) {
        for (final RouteSection.Prop p : s.props()) {
            if (unsupported.contains(p.name())) {
                warnings.accept(where + kind + " prop '" + p.name() + "' is not supported by Tack; ignored");
            } else if (!known.contains(p.name())) {
                warnings.accept(where + "unknown " + kind + " prop '" + p.name() + "'; ignored");
            }
        }
    }
}
