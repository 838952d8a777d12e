package dev.tack.proxy.route;

import dev.tack.api.Header;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * a target without a port, a ZeroMQ {@code zhttp/} target, an unreadable {@code client_cert}) stop the start
 * with a {@link RoutesException} instead, since a silently missing route only shows up later as
 * {@code 502 Route not found}. Every prop of Pushpin's routes file is either acted on or refused the same way
 * ({@code session}, {@code sockjs}, {@code sockjs_as_path}, {@code orig_headers}, {@code ipc_file_mode}: the
 * message says why), so none is silently ignored; props Pushpin does not know either are ignored with a warning,
 * as Pushpin ignores them.
 */
public final class RoutesParser {
    private static final Set<String> CONDITION_PROPS = Set.of("proto", "ssl", "id", "path_beg", "sig_iss", "sig_key",
            "prefix", "as_host", "path_rem", "replace_beg", "header", "debug", "aco", "no_grip", "log_level",
            "jsonp_mode", "jsonp_cb", "jsonp_body", "jsonp_defcb", "jsonp_defmethod");
    /** Pushpin's condition props Tack refuses, and why. */
    private static final Map<String, String> CONDITION_REFUSED = Map.of(
            "session", "Pushpin's stateful sessions (Grip-Session-Id) are not part of Tack",
            "sockjs", "Tack has no SockJS emulation; serve SockJS clients a WebSocket or SSE instead",
            "sockjs_as_path", "Tack has no SockJS emulation; serve SockJS clients a WebSocket or SSE instead",
            "orig_headers", "Tack does not copy request headers under Pushpin's eb9bf0f5- mark");
    private static final Set<String> TARGET_PROPS = Set.of("ssl", "insecure", "host", "sub", "over_http", "one_event",
            "untrusted", "trust_connect_host", "client_cert", "client_key");
    /** Pushpin's target props Tack refuses, and why. */
    private static final Map<String, String> TARGET_REFUSED = Map.of(
            "ipc_file_mode", "it sets the mode of a zhttp/ ipc socket, and Tack has no ZeroMQ targets");

    private RoutesParser() {
    }

    /** Parses {@code lines}, naming them {@code routes:N} in messages. */
    public static List<Route> parse(List<String> lines, Consumer<String> warnings) throws RoutesException {
        return parse("routes", lines, warnings);
    }

    /**
     * Reads and parses a routes file; {@code client_cert}/{@code client_key} paths resolve against its directory.
     *
     * @throws RoutesException for a broken line, or when the file cannot be read (both name the file)
     */
    public static List<Route> parseFile(Path file, Consumer<String> warnings) throws RoutesException {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new RoutesException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        final Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), dir == null ? Path.of("") : dir, lines, warnings);
    }

    /** Parses {@code lines}, resolving {@code client_cert}/{@code client_key} files against the working directory. */
    public static List<Route> parse(String source, List<String> lines, Consumer<String> warnings)
            throws RoutesException {
        return parse(source, Path.of(""), lines, warnings);
    }

    /**
     * Parses {@code lines}.
     *
     * @param source   names the lines in messages ({@code source:N: ...}), e.g. the file path or {@code --route}
     * @param baseDir  where relative {@code client_cert}/{@code client_key} paths are resolved (the routes file's
     *                 directory, as Pushpin does)
     * @param warnings receives one message per skipped line or ignored prop
     * @throws RoutesException for a broken line, naming source, line number, the value and what was expected
     */
    public static List<Route> parse(String source, Path baseDir, List<String> lines, Consumer<String> warnings)
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
            final Route route = route(where, baseDir, sections, warnings);
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

    private static Route route(String where, Path baseDir, List<RouteSection> sections, Consumer<String> warnings)
            throws RoutesException {
        final RouteSection c = sections.get(0);
        checkProps(where, "condition", c, CONDITION_PROPS, CONDITION_REFUSED, warnings);
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
            targets.add(target(where, baseDir, t, warnings));
        }
        final String prefix = c.value("prefix");
        return new Route(id, domain, proto, sslFlag, pathBeg, c.value("sig_iss"), c.value("sig_key"),
                prefix == null ? "" : prefix, c.value("as_host"), pathRem(where, c.value("path_rem")),
                c.value("replace_beg"), headers(where, c.values("header")), c.has("debug"), c.has("no_grip"),
                c.has("aco"), targets, jsonp(where, c), logLevel(where, c.value("log_level")));
    }

    /** The {@code jsonp_*} props (Pushpin's {@code domainmap.cpp}): the default method follows the mode. */
    private static JsonpOptions jsonp(String where, RouteSection c) throws RoutesException {
        final String mode = c.value("jsonp_mode");
        if (mode != null && !mode.equals("basic") && !mode.equals("extended")) {
            throw new RoutesException(where + "jsonp_mode=" + mode + " (expected: basic or extended)");
        }
        final boolean extended = !"basic".equals(mode);
        final String method = c.value("jsonp_defmethod");
        if (method != null && (method.isEmpty() || !method.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z'))) {
            throw new RoutesException(where + "jsonp_defmethod=" + method + " (expected: a method such as GET or POST)");
        }
        final String callback = c.value("jsonp_cb");
        return new JsonpOptions(extended, callback == null || callback.isEmpty() ? "callback" : callback,
                orEmpty(c.value("jsonp_body")), orEmpty(c.value("jsonp_defcb")),
                method != null ? method : extended ? "GET" : "POST");
    }

    private static int logLevel(String where, String value) throws RoutesException {
        if (value == null) {
            return Route.NO_LOG_LEVEL;
        }
        if (value.isEmpty() || value.length() > 2 || !value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new RoutesException(where + "log_level=" + value + " (expected: 0 error, 1 warning, 2 info, "
                    + "3 debug or 4 trace)");
        }
        return Integer.parseInt(value);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
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

    private static Target target(String where, Path baseDir, RouteSection t, Consumer<String> warnings)
            throws RoutesException {
        checkProps(where, "target", t, TARGET_PROPS, TARGET_REFUSED, warnings);
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
        final Path cert = file(where, baseDir, "client_cert", t.value("client_cert"));
        final Path key = file(where, baseDir, "client_key", t.value("client_key"));
        if ((cert == null) != (key == null)) {
            throw new RoutesException(where + "target " + v + " has " + (cert == null ? "client_key" : "client_cert")
                    + " alone (expected: client_cert and client_key together)");
        }
        if (cert != null && !t.has("ssl")) {
            throw new RoutesException(where + "target " + v + " has client_cert without ssl (expected: ssl, since a "
                    + "client certificate is shown in a TLS handshake)");
        }
        return new Target(host, port, test, t.has("ssl"), t.has("over_http"), t.value("host"), subs,
                t.has("one_event"), t.has("insecure"), t.has("untrusted"), t.has("trust_connect_host"), cert, key);
    }

    /** A {@code client_cert}/{@code client_key} file, resolved against {@code baseDir}; it must be readable now. */
    private static Path file(String where, Path baseDir, String prop, String value) throws RoutesException {
        if (value == null) {
            return null;
        }
        final Path path = baseDir.resolve(value);
        if (value.isEmpty() || !Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new RoutesException(where + prop + "=" + value + " (expected: a readable PEM file; looked for "
                    + path.toAbsolutePath() + ")");
        }
        return path;
    }

    private static void checkProps(String where, String kind, RouteSection s, Set<String> known,
                                   Map<String, String> refused, Consumer<String> warnings) throws RoutesException {
        for (final RouteSection.Prop p : s.props()) {
            final String why = refused.get(p.name());
            if (why != null) {
                throw new RoutesException(where + kind + " prop '" + p.name() + "' is not supported: " + why
                        + " (remove it to start Tack)");
            }
            if (!known.contains(p.name())) {
                warnings.accept(where + "unknown " + kind + " prop '" + p.name() + "'; ignored");
            }
        }
    }
}
