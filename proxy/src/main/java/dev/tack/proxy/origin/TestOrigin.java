package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.proxy.route.Route;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The built-in {@code test} route target (pushpin-spec §4.4): a tiny GRIP origin inside the proxy, handy
 * for smoke tests. {@code GET /} says hello; {@code /response} holds a long-poll and {@code /stream} a stream
 * on {@code ?channel=} (default {@code test}). Its answers go through the same GRIP handling as a real
 * origin's.
 */
final class TestOrigin {

    record Response(int status, String reason, List<Header> headers, byte[] body) {
    }

    private TestOrigin() {
    }

    static Response respond(HttpRequest request, Route route) {
        QueryStringDecoder uri = new QueryStringDecoder(OriginRequests.originForm(request.uri()));
        String path = uri.path();
        if (route.pathBeg() != null && path.startsWith(route.pathBeg())) {
            path = path.substring(route.pathBeg().length());
            if (!path.startsWith("/")) {
                path = "/" + path;
            }
        }
        String channel = uri.parameters().containsKey("channel") ? uri.parameters().get("channel").get(0) : "test";
        return switch (path) {
            case "/" -> text(200, "OK", List.of(), "Hello from the Pushpin test handler!\n");
            case "/response" -> text(200, "OK", List.of(new Header("Grip-Hold", "response"),
                    new Header("Grip-Channel", channel)), "nothing for now\n");
            case "/stream" -> text(200, "OK", List.of(new Header("Grip-Hold", "stream"),
                    new Header("Grip-Channel", channel)), "[stream opened]\n");
            default -> text(404, "Not Found", List.of(), "no such test resource\n");
        };
    }

    private static Response text(int status, String reason, List<Header> grip, String body) {
        List<Header> headers = new java.util.ArrayList<>(grip);
        headers.add(new Header("Content-Type", "text/plain"));
        return new Response(status, reason, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
