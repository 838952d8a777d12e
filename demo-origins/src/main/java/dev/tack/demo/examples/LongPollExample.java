package dev.tack.demo.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.api.Header;
import dev.tack.api.client.PublishException;
import dev.tack.api.client.PublisherClient;
import dev.tack.api.publish.HttpResponseFormat;
import dev.tack.demo.web.GripGuard;
import dev.tack.demo.web.HttpError;
import dev.tack.demo.web.Request;
import dev.tack.demo.web.Response;
import dev.tack.demo.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Long-polling: {@code GET /api/long-poll} is held at the proxy until something is published or
 * {@value #TIMEOUT_SECONDS} seconds pass; {@code POST /api/long-poll} with a text body answers every waiting
 * request with it.
 * <pre>
 * GET /api/long-poll                 HTTP/1.1 200 OK
 * Grip-Sig: eyJ0eXAi...              Content-Type: application/json
 *                                    Grip-Hold: response
 *                                    Grip-Channel: test
 *                                    Grip-Timeout: 30
 *
 *                                    {"message":null}          (sent on timeout)
 *
 * POST /api/long-poll   hello   ->   publishes {"http-response":{"headers":{"Content-Type":"application/json"},
 *                                    "body":"{\"message\":\"hello\"}"}} on test, answers Ok
 * </pre>
 */
public final class LongPollExample {
    static final String CHANNEL = "test";
    static final int TIMEOUT_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublisherClient publisher;
    private final GripGuard guard;

    public LongPollExample(PublisherClient publisher, GripGuard guard) {
        this.publisher = publisher;
        this.guard = guard;
    }

    public void register(Router router) {
        router.get("/api/long-poll", this::hold).post("/api/long-poll", this::publish);
    }

    private Response hold(Request request) throws Exception {
        Optional<Response> refused = guard.check(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        return Response.of(200, "application/json", message(null))
                .withHeader("Grip-Hold", "response")
                .withHeader("Grip-Channel", CHANNEL)
                .withHeader("Grip-Timeout", Integer.toString(TIMEOUT_SECONDS));
    }

    private Response publish(Request request) throws Exception {
        byte[] body = message(request.bodyText().strip()).getBytes(StandardCharsets.UTF_8);
        try {
            publisher.publish(CHANNEL, HttpResponseFormat.of(200,
                    List.of(new Header("Content-Type", "application/json")), body));
        } catch (PublishException e) {
            throw new HttpError(502, "Bad Gateway: " + e.getMessage());
        }
        return Response.text(200, "Ok\n");
    }

    private static String message(String text) throws Exception {
        return JSON.writeValueAsString(Collections.singletonMap("message", text));
    }
}
