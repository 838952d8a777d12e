package dev.tack.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Path rewriting: path_rem and replace_beg. */
class RouteTest {
    private static Route route(String condition) throws RoutesException {
        return RoutesParser.parse(List.of(condition + " test"), w -> { }).get(0);
    }

    @Test
    void withoutOptionsThePathIsUnchanged() throws RoutesException {
        assertEquals("/a/b?x=1", route("*").rewritePath("/a/b?x=1"));
    }

    @Test
    void pathRemDropsLeadingCharacters() throws RoutesException {
        assertEquals("/items", route("*,path_beg=/api/,path_rem=4").rewritePath("/api/items"));
    }

    @Test
    void pathRemKeepsTheQuery() throws RoutesException {
        assertEquals("/items?a=/api", route("*,path_rem=4").rewritePath("/api/items?a=/api"));
    }

    @Test
    void pathRemThatEatsThePathLeavesASlash() throws RoutesException {
        assertEquals("/", route("*,path_rem=10").rewritePath("/api"));
        assertEquals("/?q", route("*,path_rem=4").rewritePath("/api?q"));
    }

    @Test
    void replaceBegReplacesThePathBegPrefix() throws RoutesException {
        assertEquals("/v2/items?x=1", route("*,path_beg=/api/,replace_beg=/v2/").rewritePath("/api/items?x=1"));
    }

    @Test
    void replaceBegWithoutPathBegIsPutInFront() throws RoutesException {
        assertEquals("/prefix/items", route("id=o,replace_beg=/prefix").rewritePath("/items"));
    }

    @Test
    void replaceBegWinsOverPathRem() throws RoutesException {
        assertEquals("/x/items", route("*,path_beg=/api/,path_rem=1,replace_beg=/x/").rewritePath("/api/items"));
    }

    @Test
    void routeWithoutTargetsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Route("i", "*", null, null, null, null, null, "", null,
                0, null, List.of(), false, false, false, List.of()));
    }
}
