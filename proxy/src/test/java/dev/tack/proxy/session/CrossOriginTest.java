package dev.tack.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

/** The CORS headers Tack adds, one test per rule of Pushpin's {@code cors.cpp}. */
class CrossOriginTest {

    private static CrossOrigin.Request request(String... pairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return CrossOrigin.Request.of(headers);
    }

    @Test
    void aSimpleRequestGetsEveryHeaderWithDefaults() {
        HttpHeaders response = new DefaultHttpHeaders().add("Content-Type", "text/plain").add("X-Total", "3")
                .add("Grip-Hold", "response").add("Transfer-Encoding", "chunked");
        CrossOrigin.apply(request(), response);
        assertEquals("OPTIONS, HEAD, GET, POST, PUT, DELETE", response.get("Access-Control-Allow-Methods"));
        assertFalse(response.contains("Access-Control-Allow-Headers"));
        assertEquals("X-Total", response.get("Access-Control-Expose-Headers"));
        assertEquals("true", response.get("Access-Control-Allow-Credentials"));
        assertEquals("*", response.get("Access-Control-Allow-Origin"));
        assertEquals("3600", response.get("Access-Control-Max-Age"));
    }

    @Test
    void aPreflightIsAnsweredWithWhatItAskedFor() {
        HttpHeaders response = new DefaultHttpHeaders();
        CrossOrigin.apply(request("Origin", "https://app.example", "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "X-A, x-b", "Access-Control-Request-Headers", "X-C"), response);
        assertEquals("PUT", response.get("Access-Control-Allow-Methods"));
        assertEquals("X-A, x-b, X-C", response.get("Access-Control-Allow-Headers"));
        assertEquals("https://app.example", response.get("Access-Control-Allow-Origin"));
    }

    @Test
    void whatTheOriginSetItselfIsKept() {
        HttpHeaders response = new DefaultHttpHeaders().add("Access-Control-Allow-Origin", "https://only.example")
                .add("Access-Control-Max-Age", "60");
        CrossOrigin.apply(request("Origin", "https://app.example"), response);
        assertEquals("https://only.example", response.get("Access-Control-Allow-Origin"));
        assertEquals("60", response.get("Access-Control-Max-Age"));
        assertEquals(1, response.getAll("Access-Control-Allow-Origin").size());
    }
}
