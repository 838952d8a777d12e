package dev.tack.demo.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static Request request(String method, String path) {
        return new Request(method, path, Map.of(), Map.of(), List.of(), new byte[0]);
    }

    private static String body(Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private final Router router = new Router()
            .get("/api/room/{roomId}", r -> Response.text(200, "room " + r.pathParam("roomId")))
            .post("/api/room/{roomId}", r -> Response.text(200, "posted"))
            .get("/boom", r -> {
                throw new IllegalStateException("bug");
            })
            .get("/refuse", r -> {
                throw new HttpError(409, "Conflict: no");
            });

    @Test
    void templateSegmentsAreCaptured() {
        assertEquals("room demo", body(router.dispatch(request("GET", "/api/room/demo"))));
        assertEquals("room demo", body(router.dispatch(request("GET", "/api/room/demo/"))));
    }

    @Test
    void headIsAnsweredLikeGet() {
        assertEquals(200, router.dispatch(request("HEAD", "/api/room/demo")).status());
    }

    @Test
    void otherMethodIs405WithAllow() {
        Response r = router.dispatch(request("DELETE", "/api/room/demo"));
        assertEquals(405, r.status());
        assertEquals("GET, POST", r.header("Allow"));
        assertEquals("Method Not Allowed: DELETE /api/room/demo (expected: GET, POST)\n", body(r));
    }

    @Test
    void unknownPathIs404() {
        Response r = router.dispatch(request("POST", "/nothing"));
        assertEquals(404, r.status());
        assertEquals("Not Found: POST /nothing\n", body(r));
    }

    @Test
    void httpErrorBecomesItsResponse() {
        Response r = router.dispatch(request("GET", "/refuse"));
        assertEquals(409, r.status());
        assertEquals("Conflict: no\n", body(r));
    }

    @Test
    void bugIs500WithoutDetails() {
        Response r = router.dispatch(request("GET", "/boom"));
        assertEquals(500, r.status());
        assertEquals("Internal Server Error: IllegalStateException\n", body(r));
    }

    @Test
    void staticFilesServeThePagesAndNothingElse() throws Exception {
        StaticFiles files = new StaticFiles("/dev/tack/demo/static");
        Response index = files.handle(request("GET", "/"));
        assertEquals(200, index.status());
        assertEquals("text/html; charset=utf-8", index.header("Content-Type"));
        assertTrue(body(index).contains("<script src=\"/qa.js\""));
        assertEquals("text/javascript; charset=utf-8", files.handle(request("GET", "/qa.js")).header("Content-Type"));
        assertEquals(200, files.handle(request("GET", "/counter.html")).status());
        assertEquals(200, files.handle(request("GET", "/examples.html")).status());
        assertEquals(404, files.handle(request("GET", "/../DemoServer.class")).status());
        assertEquals(404, files.handle(request("GET", "/missing.html")).status());
    }
}
