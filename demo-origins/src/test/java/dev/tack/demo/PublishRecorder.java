package dev.tack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A loopback stand-in for a proxy's publish API: records each publish request and answers a set status. */
public final class PublishRecorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One publish request: where it went, its headers (names as the JDK server spells them) and its items. */
    public record Publish(String target, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public List<JsonNode> items() {
            List<JsonNode> out = new ArrayList<>();
            body.get("items").forEach(out::add);
            return out;
        }

        /** The ws-message content of the only item, parsed as JSON. */
        public JsonNode wsJson() throws IOException {
            if (items().size() != 1) {
                throw new AssertionError("expected one item, got " + body);
            }
            return JSON.readTree(items().get(0).path("formats").path("ws-message").path("content").asText());
        }

        public String channel() {
            return items().get(0).path("channel").asText();
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Publish> publishes = new LinkedBlockingQueue<>();
    private volatile int status = 200;

    public PublishRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The GRIP URL of this recorder. */
    public String gripUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public void failWith(int newStatus) {
        status = newStatus;
    }

    public Publish take() throws InterruptedException {
        Publish p = publishes.poll(5, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("nothing was published");
        }
        return p;
    }

    public boolean isEmpty() {
        return publishes.isEmpty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        publishes.add(new Publish(exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()),
                JSON.readTree(body)));
        byte[] out = (status == 200 ? "Published\n" : "Service Unavailable\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
