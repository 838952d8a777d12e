package dev.tack.proxy.filter;

import static dev.tack.proxy.filter.FilterTestSupport.bytes;
import static dev.tack.proxy.filter.FilterTestSupport.error;
import static dev.tack.proxy.filter.FilterTestSupport.sent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import dev.tack.proxy.filter.HttpFilter.CallException;
import dev.tack.proxy.filter.HttpFilter.Mode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What http-check and http-modify send, and how they read the answer (Pushpin 2.0's filter.cpp). */
class HttpFilterTest {
    private static final URI REQUEST = URI.create("http://tack.example/stream/?x=1");

    private static FilterContext context(Map<String, String> sub, Map<String, String> pub) {
        Map<String, String> prevIds = new LinkedHashMap<>();
        prevIds.put("test", "a");
        prevIds.put("other", null);
        return new FilterContext(sub, pub, prevIds, REQUEST, REQUEST);
    }

    private static HttpFilterCall call(Mode mode, String url) throws CallException {
        return HttpFilter.call(mode, context(Map.of("url", url, "user", "al\u00ef"), Map.of("sender", "bob")),
                bytes("hello world"), 1000);
    }

    @Test
    void checkPostsMetaAndGripLastWithoutBody() throws Exception {
        HttpFilterCall c = call(Mode.CHECK, "/filter/accept");
        assertEquals("http-check", c.filter());
        assertEquals(URI.create("http://tack.example/filter/accept"), c.uri());
        assertEquals(List.of(new Header("Sub-Meta", "{\"url\":\"/filter/accept\",\"user\":\"al\u00c3\u00af\"}"),
                new Header("Pub-Meta", "{\"sender\":\"bob\"}"), new Header("Grip-Last", "test; last-id=a")),
                c.headers());
        assertArrayEquals(new byte[0], c.body());
        assertEquals(0, c.maxResponseBytes());
        assertEquals(Duration.ofSeconds(10), c.timeout());
        assertEquals("POST", HttpFilterCall.METHOD);
    }

    @Test
    void modifyPostsTheContent() throws Exception {
        HttpFilterCall c = call(Mode.MODIFY, "/filter/modify");
        assertArrayEquals(bytes("hello world"), c.body());
        assertEquals(1000, c.maxResponseBytes());
    }

    @Test
    void relativeUrlsResolveAgainstTheCurrentUriAndSameOriginGoesInternal() throws Exception {
        assertEquals(URI.create("http://tack.example/stream/check"), call(Mode.CHECK, "check").uri());
        assertTrue(call(Mode.CHECK, "check").preferInternal());
        assertTrue(call(Mode.CHECK, "http://TACK.example:80/f").preferInternal());
        HttpFilterCall external = call(Mode.CHECK, "http://external/filter/modify");
        assertFalse(external.preferInternal());
        assertEquals("http://external/filter/modify", external.rateLimitKey());
    }

    @Test
    void webSocketUrisReadAsHttp() throws Exception {
        URI ws = URI.create("wss://tack.example/chat");
        HttpFilterCall c = HttpFilter.call(Mode.CHECK,
                new FilterContext(Map.of("url", "/f"), Map.of(), Map.of(), ws, ws), new byte[0], 0);
        assertEquals(URI.create("https://tack.example/f"), c.uri());
        assertTrue(c.preferInternal());
    }

    @Test
    void theUrlMetaIsRequiredAndMustBeAUrl() {
        assertEquals("missing url value", assertThrows(CallException.class,
                () -> HttpFilter.call(Mode.CHECK, context(Map.of(), Map.of()), new byte[0], 0)).getMessage());
        assertEquals("missing url value", assertThrows(CallException.class,
                () -> HttpFilter.call(Mode.CHECK, context(Map.of("url", ""), Map.of()), new byte[0], 0)).getMessage());
        assertEquals("invalid url value", assertThrows(CallException.class,
                () -> call(Mode.CHECK, "http://h:port/")).getMessage());
        assertEquals("invalid url value", assertThrows(CallException.class, () -> HttpFilter.call(Mode.CHECK,
                FilterContext.of(Map.of("url", "/relative"), Map.of(), Map.of()), new byte[0], 0)).getMessage());
    }

    @Test
    void okOrNoContentSendsTheOriginalForCheck() {
        byte[] original = bytes("hello world");
        assertEquals("hello world", sent(HttpFilter.interpret(Mode.CHECK,
                new HttpFilterReply(200, List.of(), bytes("ignored")), original, 0)));
        assertEquals("hello world", sent(HttpFilter.interpret(Mode.CHECK,
                new HttpFilterReply(204, List.of(), new byte[0]), original, 0)));
    }

    @Test
    void modifyTakesA200BodyAndKeepsTheContentOn204() {
        byte[] original = bytes("hello world");
        assertEquals("<<<hello world>>>", sent(HttpFilter.interpret(Mode.MODIFY,
                new HttpFilterReply(200, List.of(), bytes("<<<hello world>>>")), original, 1000)));
        assertEquals("", sent(HttpFilter.interpret(Mode.MODIFY, new HttpFilterReply(200, List.of(), new byte[0]),
                original, 1000)));
        assertEquals("hello world", sent(HttpFilter.interpret(Mode.MODIFY,
                new HttpFilterReply(204, List.of(), new byte[0]), original, 1000)));
    }

    @Test
    void actionDropDrops() {
        assertEquals(FilterResult.DROP, HttpFilter.interpret(Mode.CHECK,
                new HttpFilterReply(200, List.of(new Header("action", "drop")), new byte[0]), new byte[0], 0));
        assertEquals("x", sent(HttpFilter.interpret(Mode.CHECK,
                new HttpFilterReply(200, List.of(new Header("Action", "Drop")), new byte[0]), bytes("x"), 0)));
    }

    @Test
    void otherStatusesAndOversizedBodiesAreErrors() {
        assertEquals("unexpected network request status: code=400", error(HttpFilter.interpret(Mode.CHECK,
                new HttpFilterReply(400, List.of(), bytes("Bad Request\n")), new byte[0], 0)));
        assertEquals("network response exceeded 1000 bytes", error(HttpFilter.interpret(Mode.MODIFY,
                new HttpFilterReply(200, List.of(), new byte[1001]), new byte[0], 1000)));
    }
}
