package dev.tack.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.sig.GripSigVerifier;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.TackFixture;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain proxying: what the origin receives, what the client gets back, and the errors in between. */
class ProxyingTest {

    private OriginServer origin;
    private TackFixture tack;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()));
    }

    @AfterEach
    void stop() {
        tack.close();
        origin.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(tack.clientUri(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return tack.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyOriginRequestCarriesAGripSigThatVerifiesWithTheConfiguredKey() throws Exception {
        origin.on("/hello", r -> Reply.of(200, "hi\n", "Content-Type", "text/plain"));
        HttpResponse<String> response = get("/hello?x=1");
        assertEquals(200, response.statusCode());
        assertEquals("hi\n", response.body());
        OriginServer.Received received = origin.received().get(0);
        assertEquals("/hello?x=1", received.uri());
        String sig = received.header("Grip-Sig");
        assertNotNull(sig);
        long now = System.currentTimeMillis() / 1000;
        assertTrue(GripSigVerifier.of(TackFixture.SIG_KEY, "pushpin").verify(sig, now));
        assertTrue(!GripSigVerifier.of("wrong-key", null).verify(sig, now));
    }

    @Test
    void clientGripHeadersAreStrippedAndAcceptEncodingRemoved() throws Exception {
        origin.on("/h", r -> Reply.of(200, "ok"));
        get("/h", "Grip-Last", "ch; last-id=1", "Accept-Encoding", "gzip", "X-Custom", "kept");
        OriginServer.Received received = origin.received().get(0);
        assertNull(received.header("Grip-Last"));
        assertNull(received.header("Accept-Encoding"));
        assertEquals("kept", received.header("X-Custom"));
        assertEquals(1, received.headers().get("Grip-Sig").size());
    }

    @Test
    void requestAndResponseBodiesStreamThroughForAnyMethod() throws Exception {
        origin.on("/echo", r -> Reply.of(200, r.method() + " " + r.body().length + " " + Arrays.hashCode(r.body())));
        byte[] upload = new byte[3_000_000];
        for (int i = 0; i < upload.length; i++) {
            upload[i] = (byte) (i * 31);
        }
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            HttpResponse<String> response = tack.http().send(HttpRequest.newBuilder(tack.clientUri("/echo"))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(upload)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(method + " " + upload.length + " " + Arrays.hashCode(upload), response.body());
        }
        // A chunked upload (no Content-Length) streams too.
        HttpResponse<String> chunked = tack.http().send(HttpRequest.newBuilder(tack.clientUri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("POST " + upload.length + " " + Arrays.hashCode(upload), chunked.body());
    }

    @Test
    void forwardingHeadersFollowTheConfig() throws Exception {
        origin.on("/f", r -> Reply.of(200, "ok"));
        try (TackFixture forwarding = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()), s -> s.forwarding(
                new dev.tack.proxy.origin.ForwardingPolicy(true, "proto-only", "truncate:0,append", "", "tack")))) {
            forwarding.http().send(HttpRequest.newBuilder(forwarding.clientUri("/f")).header("X-Forwarded-For", "6.6.6.6")
                    .header("X-Forwarded-Proto", "https").header("CDN-Loop", "upstream").build(),
                    HttpResponse.BodyHandlers.ofString());
            OriginServer.Received received = origin.received().get(0);
            assertEquals("127.0.0.1", received.header("X-Forwarded-For"));
            assertEquals("https", received.header("X-Forwarded-Proto"));
            assertEquals("upstream, tack", received.header("CDN-Loop"));
        }
    }

    @Test
    void largeDownloadArrivesWhole() throws Exception {
        byte[] big = new byte[5_000_000];
        Arrays.fill(big, (byte) 'z');
        origin.on("/big", r -> new Reply(200, List.of(), big));
        HttpResponse<byte[]> response = tack.http().send(HttpRequest.newBuilder(tack.clientUri("/big")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertTrue(Arrays.equals(big, response.body()));
    }

    @Test
    void keepAliveConnectionServesSeveralRequests() throws Exception {
        origin.on("/n", r -> Reply.of(200, "n"));
        for (int i = 0; i < 5; i++) {
            assertEquals("n", get("/n").body());
        }
        assertEquals(5, origin.received().size());
    }

    @Test
    void requestOnAStalePooledConnectionIsSentAgainWhole() throws Exception {
        java.util.concurrent.atomic.AtomicInteger onFirst = new java.util.concurrent.atomic.AtomicInteger();
        try (dev.tack.proxy.testing.RawOrigin raw = new dev.tack.proxy.testing.RawOrigin((request, in, out) -> {
            if (request.connection() == 1 && onFirst.incrementAndGet() == 2) {
                // The pooled connection dies under the second request, as when an origin's keep-alive times out.
                throw new java.io.IOException("closing without an answer");
            }
            out.write(dev.tack.proxy.testing.RawOrigin.answer("200 OK", "connection " + request.connection()));
        }); TackFixture stale = TackFixture.start(List.of("* 127.0.0.1:" + raw.port()), s -> s.eventLoops(1))) {
            for (String expected : List.of("connection 1", "connection 2", "connection 2")) {
                HttpResponse<String> response = stale.http().send(HttpRequest.newBuilder(stale.clientUri("/s")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(expected, response.body());
            }
        }
    }

    @Test
    void gripStatusChangesTheStatusWithoutAHold() throws Exception {
        origin.on("/s", r -> Reply.of(200, "missing\n", "Grip-Status", "404 Nothing To See Here"));
        HttpResponse<String> response = get("/s");
        assertEquals(404, response.statusCode());
        assertEquals("missing\n", response.body());
    }

    @Test
    void malformedInstructionIsA502WithTheReasonOnDebugRoutes() throws Exception {
        origin.on("/bad", r -> Reply.of(200, "", "Grip-Hold", "bogus", "Grip-Channel", "c"));
        HttpResponse<String> response = get("/bad");
        assertEquals(502, response.statusCode());
        assertEquals("Error while proxying to origin.\n", response.body());
        try (TackFixture debug = TackFixture.start(List.of("*,debug 127.0.0.1:" + origin.port()))) {
            HttpResponse<String> detailed = debug.http().send(HttpRequest.newBuilder(debug.clientUri("/bad")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(502, detailed.statusCode());
            assertEquals("Failed to parse accept instructions: Grip-Hold must be set to either 'response' or "
                    + "'stream'\n", detailed.body());
        }
    }

    @Test
    void unreachableOriginIsA502() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TackFixture down = TackFixture.start(List.of("* 127.0.0.1:" + closedPort))) {
            HttpResponse<String> response = down.http().send(HttpRequest.newBuilder(down.clientUri("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(502, response.statusCode());
            assertEquals("Error while proxying to origin.\n", response.body());
        }
    }

    @Test
    void originThatNeverAnswersGetsA502InsteadOfAHang() throws Exception {
        dev.tack.proxy.testing.DrivenTime time = new dev.tack.proxy.testing.DrivenTime();
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                TackFixture waiting = TackFixture.start(List.of("* 127.0.0.1:" + silent.getLocalPort()), s -> s, time)) {
            var response = waiting.http().sendAsync(HttpRequest.newBuilder(waiting.clientUri("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // The head timer (120 s) runs on driven time.
            waiting.advanceUntil(java.time.Duration.ofSeconds(121), response::isDone);
            assertEquals(502, response.get().statusCode());
        }
    }

    @Test
    void brokenChunkedBodyFromTheOriginIsNotPassedOnAsComplete() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                TackFixture broken = TackFixture.start(List.of("* 127.0.0.1:" + raw.getLocalPort()))) {
            Thread origin = new Thread(() -> {
                try (java.net.Socket socket = raw.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5\r\nhello\r\nZZ\r\n").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.getInputStream().read(new byte[8192]);
                } catch (java.io.IOException ignored) {
                    // Tack hung up on us, as it should
                }
            }, "broken-origin");
            origin.setDaemon(true);
            origin.start();
            java.util.concurrent.CompletableFuture<HttpResponse<String>> response = broken.http().sendAsync(
                    HttpRequest.newBuilder(broken.clientUri("/")).build(), HttpResponse.BodyHandlers.ofString());
            java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> response.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof java.io.IOException, failed.getCause().toString());
        }
    }

    @Test
    void failoverTriesTheNextTarget() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        origin.on("/f", r -> Reply.of(200, "second target"));
        try (TackFixture failover = TackFixture.start(List.of("* 127.0.0.1:" + closedPort + " 127.0.0.1:" + origin.port()))) {
            HttpResponse<String> response = failover.http().send(
                    HttpRequest.newBuilder(failover.clientUri("/f")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("second target", response.body());
        }
    }

    @Test
    void noMatchingRouteIsA502RouteNotFound() throws Exception {
        try (TackFixture hostOnly = TackFixture.start(List.of("example.org 127.0.0.1:" + origin.port()))) {
            HttpResponse<String> response = hostOnly.http().send(HttpRequest.newBuilder(hostOnly.clientUri("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(502, response.statusCode());
            assertEquals("Route not found\n", response.body());
        }
    }

    @Test
    void testTargetSaysHello() throws Exception {
        try (TackFixture test = TackFixture.start(List.of("* test"))) {
            HttpResponse<String> response = test.http().send(HttpRequest.newBuilder(test.clientUri("/")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals("Hello from the Pushpin test handler!\n", response.body());
        }
    }

    @Test
    void pushpinRouteHeaderPicksARouteById() throws Exception {
        origin.on("/r", r -> Reply.of(200, "by id"));
        try (TackFixture byId = TackFixture.start(List.of("id=backend 127.0.0.1:" + origin.port()))) {
            HttpResponse<String> response = byId.http().send(HttpRequest.newBuilder(byId.clientUri("/r"))
                    .header("Pushpin-Route", "backend").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("by id", response.body());
            assertNull(origin.received().get(0).header("Pushpin-Route"));
        }
    }
}
