package dev.tack.proxy.filter;

import static dev.tack.proxy.filter.FilterTestSupport.bytes;
import static dev.tack.proxy.filter.FilterTestSupport.error;
import static dev.tack.proxy.filter.FilterTestSupport.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tack.api.Header;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * http-check and http-modify against a real HTTP server on loopback, the cases of Pushpin's filtertest.cpp
 * (httpCheck, httpModify). The client here is the JDK's; the proxy plugs in its origin client the same way.
 */
class HttpFilterLoopbackTest {
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/filter/", this::handle);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    // The filter server of Pushpin's filtertest.cpp.
    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 400, "Method must be POST\n", false);
        } else if (path.equals("/filter/accept")) {
            respond(exchange, 200, "", false);
        } else if (path.equals("/filter/drop")) {
            respond(exchange, 200, "", true);
        } else if (path.equals("/filter/modify")) {
            if (!"test; last-id=a".equals(exchange.getRequestHeaders().getFirst("Grip-Last"))) {
                respond(exchange, 400, "Unexpected Grip-Last", false);
                return;
            }
            JsonNode sub = json.readTree(exchange.getRequestHeaders().getFirst("Sub-Meta"));
            JsonNode pub = json.readTree(exchange.getRequestHeaders().getFirst("Pub-Meta"));
            String prepend = sub.path("prepend").asText("");
            String append = pub.path("append").asText("");
            if (prepend.isEmpty() && append.isEmpty()) {
                respond(exchange, 204, "", false);
            } else {
                respond(exchange, 200, prepend + new String(body, StandardCharsets.UTF_8) + append, false);
            }
        } else if (path.equals("/filter/large")) {
            respond(exchange, 200, "a".repeat(1001), false);
        } else {
            respond(exchange, 400, "Bad Request\n", false);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body, boolean drop) throws IOException {
        if (drop) {
            exchange.getResponseHeaders().add("Action", "drop");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** An HttpFilterClient on the JDK's HTTP client, for this test. */
    private static final class JdkClient implements HttpFilterClient {
        private final HttpClient http = HttpClient.newHttpClient();

        @Override
        public CompletionStage<HttpFilterReply> send(HttpFilterCall call) {
            HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(call.timeout())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
            for (Header h : call.headers()) {
                request.header(h.name(), new String(h.value().getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8));
            }
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(r -> {
                        List<Header> headers = new ArrayList<>();
                        r.headers().map().forEach((k, vs) -> vs.forEach(v -> headers.add(new Header(k, v))));
                        byte[] b = r.body();
                        return new HttpFilterReply(r.statusCode(), headers,
                                Arrays.copyOf(b, Math.min(b.length, call.maxResponseBytes() + 1)));
                    })
                    .exceptionallyCompose(e -> CompletableFuture.failedFuture(failure(e)));
        }

        private static HttpFilterFailure failure(Throwable e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ConnectException) {
                return new HttpFilterFailure(HttpFilterFailure.Kind.CONNECT, cause.toString());
            }
            if (cause instanceof HttpTimeoutException) {
                return new HttpFilterFailure(HttpFilterFailure.Kind.TIMEOUT, cause.toString());
            }
            return new HttpFilterFailure(HttpFilterFailure.Kind.OTHER, cause.toString());
        }
    }

    private FilterResult run(String filter, Map<String, String> sub, Map<String, String> pub, int maxModifyBytes) {
        Map<String, String> prevIds = new LinkedHashMap<>();
        prevIds.put("test", "a");
        FilterContext context = new FilterContext(sub, pub, prevIds, base, base);
        return MessageFilterChain.of(List.of(filter), new JdkClient(), maxModifyBytes)
                .apply(context, bytes("hello world")).toCompletableFuture().join();
    }

    @Test
    void httpCheckAcceptsDropsAndReportsBadStatus() {
        assertEquals("hello world", sent(run("http-check", Map.of("url", "/filter/accept"), Map.of(), 1000)));
        assertEquals(FilterResult.DROP, run("http-check", Map.of("url", "/filter/drop"), Map.of(), 1000));
        assertEquals("unexpected network request status: code=400",
                error(run("http-check", Map.of("url", "/filter/error"), Map.of(), 1000)));
    }

    @Test
    void httpModifyKeepsOnNoContentAndReplacesOnOk() {
        assertEquals("hello world", sent(run("http-modify", Map.of("url", "/filter/modify"), Map.of(), 1000)));
        assertEquals("<<<hello world>>>", sent(run("http-modify", Map.of("url", "/filter/modify", "prepend", "<<<"),
                Map.of("append", ">>>"), 1000)));
    }

    @Test
    void httpModifyRefusesAnOversizedAnswer() {
        assertEquals("network response exceeded 1000 bytes",
                error(run("http-modify", Map.of("url", "/filter/large"), Map.of(), 1000)));
    }

    @Test
    void aRefusedConnectionIsReported() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertEquals("network request failed: connection refused", error(run("http-check",
                Map.of("url", "http://127.0.0.1:" + closedPort + "/filter/accept"), Map.of(), 1000)));
    }
}
