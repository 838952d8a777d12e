package dev.tack.proxy.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process origin on a loopback port, for integration tests: each test registers what a path answers
 * (usually GRIP headers) and can read back every request the origin received.
 */
public final class OriginServer implements AutoCloseable {

    /** A request as the origin saw it. */
    public record Received(String method, String uri, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What a path answers. */
    public interface Handler {
        Reply handle(Received request) throws IOException;
    }

    /** An origin reply; {@code headers} may repeat names. */
    public record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        public static Reply of(int status, String body, String... headerPairs) {
            List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
            for (int i = 0; i < headerPairs.length; i += 2) {
                headers.add(Map.entry(headerPairs[i], headerPairs[i + 1]));
            }
            return new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public OriginServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers requests whose path (without query) equals {@code path}. */
    public OriginServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    public List<Received> received() {
        return received;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body);
            received.add(request);
            Handler handler = handlers.get(exchange.getRequestURI().getPath());
            Reply reply = handler == null ? Reply.of(404, "no handler\n") : handler.handle(request);
            for (Map.Entry<String, String> header : reply.headers()) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue());
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
