package dev.tack.demo.examples;

import dev.tack.api.client.PublishException;
import dev.tack.api.client.PublisherClient;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.demo.web.GripGuard;
import dev.tack.demo.web.HttpError;
import dev.tack.demo.web.Request;
import dev.tack.demo.web.Response;
import dev.tack.demo.web.Router;
import java.util.Optional;

/**
 * HTTP streaming, as js-grip's {@code http-stream} example: {@code GET /api/stream} opens a plain-text stream held
 * at the proxy, and {@code POST /api/publish} appends its body and a newline to every open stream.
 * <pre>
 * GET /api/stream                    HTTP/1.1 200 OK
 * Grip-Sig: eyJ0eXAi...              Content-Type: text/plain
 *                                    Grip-Hold: stream
 *                                    Grip-Channel: test
 *
 *                                    [stream open]
 *
 * POST /api/publish   hello    ->    publishes {"http-stream":{"content":"hello\n"}} on test, answers Ok
 * </pre>
 */
public final class StreamExample {
    static final String CHANNEL = "test";

    private final PublisherClient publisher;
    private final GripGuard guard;

    public StreamExample(PublisherClient publisher, GripGuard guard) {
        this.publisher = publisher;
        this.guard = guard;
    }

    public void register(Router router) {
        router.get("/api/stream", this::hold).post("/api/publish", this::publish);
    }

    private Response hold(Request request) {
        Optional<Response> refused = guard.check(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        return Response.of(200, "text/plain", "[stream open]\n")
                .withHeader("Grip-Hold", "stream")
                .withHeader("Grip-Channel", CHANNEL);
    }

    private Response publish(Request request) {
        try {
            publisher.publish(CHANNEL, HttpStreamFormat.of(request.bodyText() + "\n"));
        } catch (PublishException e) {
            throw new HttpError(502, "Bad Gateway: " + e.getMessage());
        }
        return Response.text(200, "Ok\n");
    }
}
