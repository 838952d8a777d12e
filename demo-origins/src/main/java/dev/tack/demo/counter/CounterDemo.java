package dev.tack.demo.counter;

import dev.tack.api.client.PublishException;
import dev.tack.api.client.PublisherClient;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.demo.web.GripGuard;
import dev.tack.demo.web.HttpError;
import dev.tack.demo.web.Request;
import dev.tack.demo.web.Response;
import dev.tack.demo.web.Router;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /counter/{id}}: a counter per id, in memory, starting at 0.
 * <pre>
 * GET /counter/1                   HTTP/1.1 200 OK
 * Accept: text/event-stream        Content-Type: text/event-stream
 * Grip-Sig: eyJ0eXAi...            Grip-Hold: stream
 *                                  Grip-Channel: counter-1
 *                                  Grip-Keep-Alive: :\n\n; format=cstring; timeout=20
 *
 *                                  data: {"value":3}
 *
 * POST /counter/1                  {"value":4}     and publishes to counter-1:
 *                                  {"http-stream":{"content":"data: {\"value\":4}\n\n"}}
 * </pre>
 * The stream starts with the current value as an SSE event (the original wrote an unframed line that
 * {@code EventSource} ignores), and the proxy sends an SSE comment after 20 idle seconds. An event-stream request
 * without a valid {@code Grip-Sig} is refused ({@link GripGuard}); any other {@code GET} answers the value as JSON.
 */
public final class CounterDemo {
    private static final Logger log = LoggerFactory.getLogger(CounterDemo.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final PublisherClient publisher;
    private final GripGuard guard;

    /** A counter publishing with {@code publisher} (a Fastly-style GRIP URL in the demo server). */
    public CounterDemo(PublisherClient publisher, GripGuard guard) {
        this.publisher = publisher;
        this.guard = guard;
    }

    /** The channel of counter {@code id}: {@code counter-<id>}. */
    public static String channel(String id) {
        return "counter-" + id;
    }

    public void register(Router router) {
        router.get("/counter/{id}", this::get).post("/counter/{id}", this::increment);
    }

    private Response get(Request request) {
        String id = id(request);
        long value = counter(id).get();
        boolean eventStream = request.header("Accept").map(a -> a.contains("text/event-stream")).orElse(false);
        if (!eventStream) {
            return Response.json(200, Map.of("value", value));
        }
        Optional<Response> refused = guard.check(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        return Response.of(200, "text/event-stream", event(value))
                .withHeader("Grip-Hold", "stream")
                .withHeader("Grip-Channel", channel(id))
                .withHeader("Grip-Keep-Alive", ":\\n\\n; format=cstring; timeout=20")
                .withHeader("Cache-Control", "no-cache");
    }

    private Response increment(Request request) {
        String id = id(request);
        long value = counter(id).incrementAndGet();
        try {
            publisher.publish(channel(id), HttpStreamFormat.of(event(value)));
        } catch (PublishException e) {
            log.warn("counter {} = {} not published: {}", id, value, e.getMessage());
            throw new HttpError(502, "Bad Gateway: counter " + id + " is " + value + " but the publish failed: "
                    + e.getMessage());
        }
        log.info("counter {} = {}", id, value);
        return Response.json(200, Map.of("value", value));
    }

    private AtomicLong counter(String id) {
        return counters.computeIfAbsent(id, k -> new AtomicLong());
    }

    private static String event(long value) {
        return "data: {\"value\":" + value + "}\n\n";
    }

    private static String id(Request request) {
        String id = request.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw new HttpError(400, "counter id: \"" + id + "\" (expected: 1-64 characters of A-Z, a-z, 0-9, '-', '_')");
        }
        return id;
    }
}
