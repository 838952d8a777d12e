package dev.tack.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per matching rule of Pushpin's DomainMap. Each route's first target names it. */
class RouteTableTest {
    private static RouteTable table(String... lines) throws RoutesException {
        return new RouteTable(RoutesParser.parse(List.of(lines), w -> { }));
    }

    private static String name(Optional<Route> route) {
        return route.map(r -> r.targets().get(0).host()).orElse("none");
    }

    private static String http(RouteTable t, String host, String path) {
        return name(t.match(host, path, false, false));
    }

    @Test
    void wildcardServesAnyHost() throws RoutesException {
        assertEquals("any", http(table("* any:1"), "example.com", "/"));
    }

    @Test
    void exactHostRulesBeatTheWildcard() throws RoutesException {
        final RouteTable t = table("* any:1", "example.com ex:1");
        assertEquals("ex", http(t, "example.com", "/"));
        assertEquals("any", http(t, "other.com", "/"));
    }

    @Test
    void hostRulesShadowTheWildcardEvenWhenNoneMatches() throws RoutesException {
        assertEquals("none", http(table("* any:1", "example.com,path_beg=/api ex:1"), "example.com", "/"));
    }

    @Test
    void hostMatchIgnoresCase() throws RoutesException {
        assertEquals("ex", http(table("Example.com ex:1"), "EXAMPLE.com", "/"));
    }

    @Test
    void requestWithoutAHostUsesTheWildcard() throws RoutesException {
        assertEquals("any", http(table("* any:1", "example.com ex:1"), null, "/"));
    }

    @Test
    void noRulesForTheHostAndNoWildcardMatchesNothing() throws RoutesException {
        assertEquals("none", http(table("example.com ex:1"), "other.com", "/"));
        assertEquals("none", http(new RouteTable(List.of()), "other.com", "/"));
    }

    @Test
    void protoLimitsToHttpOrWebSocket() throws RoutesException {
        final RouteTable t = table("*,proto=ws ws:1", "*,proto=http http:1");
        assertEquals("ws", name(t.match("h", "/", true, false)));
        assertEquals("http", name(t.match("h", "/", false, false)));
    }

    @Test
    void ruleWithProtoBeatsRuleWithout() throws RoutesException {
        final RouteTable t = table("*,path_beg=/long/path any:1", "*,proto=ws ws:1");
        assertEquals("ws", name(t.match("h", "/long/path", true, false)));
        assertEquals("any", name(t.match("h", "/long/path", false, false)));
    }

    @Test
    void pathBegLimitsToAPrefixOfThePath() throws RoutesException {
        final RouteTable t = table("*,path_beg=/api api:1");
        assertEquals("api", http(t, "h", "/api/x"));
        assertEquals("none", http(t, "h", "/ap"));
    }

    @Test
    void pathBegIsMatchedWithoutTheQuery() throws RoutesException {
        assertEquals("none", http(table("*,path_beg=/api api:1"), "h", "/x?next=/api"));
    }

    @Test
    void longerPathBegWins() throws RoutesException {
        final RouteTable t = table("*,path_beg=/a short:1", "*,path_beg=/a/b long:1", "* any:1");
        assertEquals("long", http(t, "h", "/a/b/c"));
        assertEquals("short", http(t, "h", "/a/c"));
        assertEquals("any", http(t, "h", "/z"));
    }

    @Test
    void sslLimitsToTlsOrPlainClients() throws RoutesException {
        final RouteTable t = table("*,ssl=yes tls:1", "*,ssl=no plain:1");
        assertEquals("tls", name(t.match("h", "/", false, true)));
        assertEquals("plain", name(t.match("h", "/", false, false)));
    }

    @Test
    void ruleWithSslBeatsRuleWithoutOnEqualPath() throws RoutesException {
        final RouteTable t = table("* any:1", "*,ssl=yes tls:1");
        assertEquals("tls", name(t.match("h", "/", false, true)));
        assertEquals("any", name(t.match("h", "/", false, false)));
    }

    @Test
    void longerPathBegBeatsSslWhateverTheLineOrder() throws RoutesException {
        assertEquals("api", name(table("*,path_beg=/api api:1", "*,ssl=yes tls:1").match("h", "/api", false, true)));
        assertEquals("api", name(table("*,ssl=yes tls:1", "*,path_beg=/api api:1").match("h", "/api", false, true)));
    }

    @Test
    void earlierRouteWinsATie() throws RoutesException {
        // The parser drops a repeated condition, so only a table built from separate lists can hold a tie.
        final List<Route> routes = new ArrayList<>(RoutesParser.parse(List.of("*,path_beg=/a first:1"), w -> { }));
        routes.addAll(RoutesParser.parse(List.of("*,path_beg=/a second:1"), w -> { }));
        assertEquals("first", http(new RouteTable(routes), "h", "/a"));
    }

    @Test
    void byIdFindsARouteWithoutAHost() throws RoutesException {
        assertEquals("o", name(table("id=origin_0 o:1").byId("origin_0", "/anything")));
    }

    @Test
    void byIdFindsHostRoutesByExplicitOrGeneratedId() throws RoutesException {
        final RouteTable t = table("example.com,id=ex ex:1", "*,proto=ws ws:1");
        assertEquals("ex", name(t.byId("ex", "/")));
        assertEquals("ws", name(t.byId("*,ws,*,*", "/")));
    }

    @Test
    void byIdStillChecksPathBeg() throws RoutesException {
        final RouteTable t = table("id=api,path_beg=/api api:1");
        assertEquals("api", name(t.byId("api", "/api/x?y")));
        assertEquals("none", name(t.byId("api", "/other")));
    }

    @Test
    void byIdOfAnUnknownIdFindsNothing() throws RoutesException {
        assertEquals("none", name(table("id=a a:1").byId("b", "/")));
    }

    @Test
    void idUsedTwiceSelectsNothing() throws RoutesException {
        assertEquals("none", name(table("id=x a:1", "id=x b:1").byId("x", "/")));
    }

    @Test
    void routeWithoutAHostIsNeverMatchedByHost() throws RoutesException {
        final RouteTable t = table("id=origin_0 o:1");
        assertEquals("none", http(t, "origin_0", "/"));
        assertTrue(t.match(null, "/", false, false).isEmpty());
    }

    @Test
    void routesAreKeptInFileOrder() throws RoutesException {
        assertEquals(List.of("b", "a"), table("* b:1", "x a:1").routes().stream()
                .map(r -> r.targets().get(0).host()).toList());
    }
}
