package dev.tack.demo.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tack.api.Header;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket (the JDK's {@code com.sun.net.httpserver}) feeding a {@link Router}. It binds at
 * construction, so its port is known before the routes are: a test can bind on port 0, start Tack with a route
 * to that port, then {@link #serve} with a publisher pointing at Tack. Requests run on a small pool of worker
 * threads; every response has a {@code Content-Length}.
 */
public final class HttpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);
    private static final int WORKERS = 16;
    /** Bigger bodies than this are refused: the demos exchange small JSON and text. */
    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService workers;
    private volatile boolean started;

    /** Binds {@code address} (port 0 picks a free port); nothing is answered before {@link #serve}. */
    public HttpListener(InetSocketAddress address) throws IOException {
        this.server = HttpServer.create(address, 128);
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "demo-http-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
    }

    /** The bound address, with the real port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Starts answering with {@code router}.
     *
     * @throws IllegalStateException when already serving
     */
    public synchronized void serve(Router router) {
        if (started) {
            throw new IllegalStateException("listener on " + address() + " is already serving");
        }
        started = true;
        server.createContext("/", exchange -> handle(exchange, router));
        server.start();
    }

    private static void handle(HttpExchange exchange, Router router) throws IOException {
        try (exchange) {
            Response response;
            Request request = null;
            try {
                request = toRequest(exchange);
                response = router.dispatch(request);
            } catch (HttpError e) {
                response = e.toResponse();
            }
            write(exchange, request, response);
        } catch (IOException e) {
            log.debug("client went away during {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private static Request toRequest(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new HttpError(413, "Payload Too Large: more than " + MAX_BODY + " bytes (expected: a small body)");
        }
        List<Header> headers = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(new Header(name, v))));
        URI uri = exchange.getRequestURI();
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        return new Request(exchange.getRequestMethod(), path, query(uri.getRawQuery()), Map.of(), headers, body);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static void write(HttpExchange exchange, Request request, Response response) throws IOException {
        for (Header h : response.headers()) {
            exchange.getResponseHeaders().add(h.name(), h.value());
        }
        boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD")
                || response.status() == 204 || response.status() == 304;
        // -1 means "no body" (Content-Length: 0); 0 would mean chunked
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
        if (request != null) {
            log.debug("{} {} -> {}", request.method(), request.path(), response.status());
        }
    }

    /** Stops listening and ends the worker threads; requests under way are cut off. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
