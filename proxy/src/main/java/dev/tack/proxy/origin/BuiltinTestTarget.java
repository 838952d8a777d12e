package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.Target;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in {@code test} route target (Pushpin's, see docs/compatibility.md "Routes"): a tiny GRIP origin
 * inside the proxy, handy for smoke tests. {@code GET /} says hello; {@code /response} holds a long-poll and
 * {@code /stream} a stream on {@code ?channel=} (default {@code test}). Its answers come out of {@link OriginCall}
 * like any origin's, so they go through the same GRIP handling.
 */
final class BuiltinTestTarget {

    private BuiltinTestTarget() {
    }

    /** Gives {@code handler} the answer to {@code request} as an origin call would: the head, then the body. */
    static void answer(OriginRequest request, Target target, OriginCallHandler handler) {
        OriginResponse answer = respond(request, target);
        if (handler.head(OriginWire.head(answer)) == OriginCallHandler.Body.BUFFER) {
            handler.response(answer);
            return;
        }
        LastHttpContent content = new DefaultLastHttpContent(Unpooled.wrappedBuffer(answer.body()));
        try {
            handler.content(content);
        } finally {
            content.release();
        }
    }

    static OriginResponse respond(OriginRequest request, Target target) {
        Route route = request.route();
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        if (route.pathBeg() != null && path.startsWith(route.pathBeg())) {
            path = path.substring(route.pathBeg().length());
            if (!path.startsWith("/")) {
                path = "/" + path;
            }
        }
        String channel = uri.parameters().containsKey("channel") ? uri.parameters().get("channel").get(0) : "test";
        return switch (path) {
            case "/" -> text(target, 200, "OK", List.of(), "Hello from the Pushpin test handler!\n");
            case "/response" -> text(target, 200, "OK", List.of(new Header("Grip-Hold", "response"),
                    new Header("Grip-Channel", channel)), "nothing for now\n");
            case "/stream" -> text(target, 200, "OK", List.of(new Header("Grip-Hold", "stream"),
                    new Header("Grip-Channel", channel)), "[stream opened]\n");
            default -> text(target, 404, "Not Found", List.of(), "no such test resource\n");
        };
    }

    private static OriginResponse text(Target target, int status, String reason, List<Header> grip, String body) {
        List<Header> headers = new ArrayList<>(grip);
        headers.add(new Header("Content-Type", "text/plain"));
        return new OriginResponse(status, reason, headers, body.getBytes(StandardCharsets.UTF_8), target);
    }
}
