package dev.tack.proxy.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tack.proxy.route.JsonpOptions;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON-P requests and answers, one test per rule of Pushpin's {@code tryApplyJsonp} and its wrappers. */
class JsonpTest {

    private static final JsonpOptions DEFAULTS = JsonpOptions.defaults();

    private static HttpRequest get(String uri) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        request.headers().set("Host", "example.com").set("Accept", "text/html").set("Cookie", "a=1");
        return request;
    }

    @Test
    void aGetWithoutTheCallbackIsLeftAlone() throws Exception {
        HttpRequest request = get("/items?x=1");
        assertNull(Jsonp.apply(request, DEFAULTS));
        assertEquals("/items?x=1", request.uri());
        assertNull(Jsonp.apply(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/i?callback=cb"),
                DEFAULTS));
    }

    @Test
    void theCallbackAndMethodHeadersAndBodyParametersBecomeTheRequest() throws Exception {
        HttpRequest request = get("/items?x=1&callback=show&_method=POST&_headers=%7B%22X-A%22%3A%221%22%7D&_body=hi%21");
        Jsonp.Applied applied = Jsonp.apply(request, DEFAULTS);
        assertEquals("show", applied.callback());
        assertArrayEquals("hi!".getBytes(StandardCharsets.UTF_8), applied.body());
        assertEquals(HttpMethod.POST, request.method());
        assertEquals("/items?x=1", request.uri());
        assertEquals("1", request.headers().get("X-A"));
        assertEquals("*/*", request.headers().get("Accept"));
        assertEquals("a=1", request.headers().get("Cookie"));
        assertEquals("3", request.headers().get("Content-Length"));
    }

    @Test
    void aQueryOfOnlyJsonpParametersLeavesNoQuestionMark() throws Exception {
        HttpRequest request = get("/items?callback=cb");
        Jsonp.apply(request, DEFAULTS);
        assertEquals("/items", request.uri());
        assertEquals(HttpMethod.GET, request.method());
    }

    @Test
    void aDefaultCallbackAppliesWhenTheBodyParameterIsThere() throws Exception {
        JsonpOptions options = new JsonpOptions(true, "callback", "data", "fallback", "GET");
        HttpRequest request = get("/i?data=%7B%7D");
        Jsonp.Applied applied = Jsonp.apply(request, options);
        assertEquals("fallback", applied.callback());
        assertEquals("application/json", request.headers().get("Content-Type"));
        assertNull(Jsonp.apply(get("/i?other=1"), options));
    }

    @Test
    void badParametersAreRefusedWithPushpinsTexts() {
        assertEquals("Invalid callback parameter.", assertThrows(Jsonp.Invalid.class,
                () -> Jsonp.apply(get("/i?callback="), DEFAULTS)).getMessage());
        assertEquals("Invalid callback parameter.", assertThrows(Jsonp.Invalid.class,
                () -> Jsonp.apply(get("/i?callback=alert(1)//"), DEFAULTS)).getMessage());
        assertEquals("Invalid _method parameter.", assertThrows(Jsonp.Invalid.class,
                () -> Jsonp.apply(get("/i?callback=cb&_method=P%20T"), DEFAULTS)).getMessage());
        assertEquals("Invalid _headers parameter.", assertThrows(Jsonp.Invalid.class,
                () -> Jsonp.apply(get("/i?callback=cb&_headers=%5B1%5D"), DEFAULTS)).getMessage());
        assertEquals("Invalid _body parameter.", assertThrows(Jsonp.Invalid.class,
                () -> Jsonp.apply(get("/i?callback=cb&_body=%zz"), DEFAULTS)).getMessage());
    }

    @Test
    void extendedAnswersCarryStatusHeadersAndBody() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Content-Type", "text/plain").add("X-A", "1")
                .add("X-A", "2").add("Connection", "close");
        byte[] out = Jsonp.whole(new Jsonp.Applied("cb", true, new byte[0]), 201, "Created", headers,
                "say \"hi\"\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("/**/cb({\"code\": 201, \"reason\": \"Created\", \"headers\": {\"Content-Type\":\"text/plain\","
                + "\"X-A\":\"1, 2\"}, \"body\": \"say \\\"hi\\\"\\n\"});\n", new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void basicAnswersAreTheBodyWithoutItsLastNewline() {
        byte[] out = Jsonp.whole(new Jsonp.Applied("cb", false, new byte[0]), 200, "OK", new DefaultHttpHeaders(),
                "{\"a\":1}\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("/**/cb({\"a\":1});\n", new String(out, StandardCharsets.UTF_8));
    }
}
