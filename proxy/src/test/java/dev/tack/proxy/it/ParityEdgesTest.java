package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.session.ProxySession;
import dev.tack.proxy.testing.LogCapture;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.RawHttp;
import dev.tack.proxy.testing.RawOrigin;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a Pushpin user meets Tack at the edges (docs/compatibility.md "Errors clients see", "Routes", "Requests to
 * the origin", "Logs"): routing texts, failover and GRIP error texts with and without {@code debug}, the
 * {@code Pushpin-Route} header, which hop-by-hop headers pass, the request log's {@code from=} and {@code ua=}, and
 * the size rule for GRIP bodies. Over loopback, against in-process origins.
 */
class ParityEdgesTest {

    private OriginServer origin;
    private final StreamClients streams = new StreamClients();

    @BeforeEach
    void start() throws IOException {
        origin = new OriginServer();
        origin.on("/", r -> Reply.of(200, "root\n"));
        origin.on("/a/x", r -> Reply.of(200, "a\n"));
        origin.on("/bad", r -> Reply.of(200, "", "Grip-Hold", "forever", "Grip-Channel", "c"));
    }

    @AfterEach
    void stop() {
        streams.close();
        origin.close();
    }

    private static String get(String host, String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + String.join("", headers) + "Connection: close\r\n\r\n";
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aHostWithRulesNeverFallsBackToTheWildcard() throws Exception {
        List<String> routes = List.of("example.com,path_beg=/a/ 127.0.0.1:" + origin.port(), "* 127.0.0.1:" + origin.port());
        try (TackFixture tack = TackFixture.start(routes)) {
            assertEquals("a\n", RawHttp.exchange(tack.clientPort(), get("example.com", "/a/x")).body());
            RawHttp.Response shadowed = RawHttp.exchange(tack.clientPort(), get("example.com:80", "/"));
            assertEquals(502, shadowed.status());
            assertEquals("Route not found\n", shadowed.body());
            assertEquals("root\n", RawHttp.exchange(tack.clientPort(), get("other.org", "/")).body());
        }
        try (TackFixture debug = TackFixture.start(routes, s -> s.debug(true))) {
            assertEquals("No route for host: example.com\n",
                    RawHttp.exchange(debug.clientPort(), get("example.com", "/")).body());
        }
    }

    @Test
    void unreachableTargetsAreNamedOnDebugRoutesOnly() throws Exception {
        int a = deadPort();
        int b = deadPort();
        try (TackFixture tack = TackFixture.start(List.of("*,path_beg=/dbg,debug 127.0.0.1:" + a + " 127.0.0.1:" + b,
                "* 127.0.0.1:" + a + " 127.0.0.1:" + b))) {
            RawHttp.Response plain = RawHttp.exchange(tack.clientPort(), get("h", "/x"));
            assertEquals(502, plain.status());
            assertEquals("Error while proxying to origin.\n", plain.body());
            assertEquals("text/plain", plain.header("Content-Type"));
            assertEquals("Unable to connect to any targets. Tried: 127.0.0.1:" + a + ", 127.0.0.1:" + b + "\n",
                    RawHttp.exchange(tack.clientPort(), get("h", "/dbg")).body());
        }
    }

    @Test
    void instructionParseErrorsAreShownOnDebugRoutesOnly() throws Exception {
        String target = "127.0.0.1:" + origin.port();
        try (TackFixture tack = TackFixture.start(List.of("h2,debug " + target, "* " + target))) {
            RawHttp.Response plain = RawHttp.exchange(tack.clientPort(), get("h", "/bad"));
            assertEquals(502, plain.status());
            assertEquals("Error while proxying to origin.\n", plain.body());
            RawHttp.Response detailed = RawHttp.exchange(tack.clientPort(), get("h2", "/bad"));
            assertEquals(502, detailed.status());
            assertTrue(detailed.body().startsWith("Failed to parse accept instructions: "), detailed.body());
        }
        try (TackFixture tack = TackFixture.start(List.of("* " + target), s -> s.debug(true))) {
            assertTrue(RawHttp.exchange(tack.clientPort(), get("h", "/bad")).body()
                    .startsWith("Failed to parse accept instructions: "));
        }
    }

    @Test
    void pushpinRoutePicksTheRouteByIdAndStaysAtTack() throws Exception {
        try (OriginServer other = new OriginServer()) {
            other.on("/", r -> Reply.of(200, "other\n"));
            List<String> routes = List.of("id=backend 127.0.0.1:" + origin.port(), "example.com 127.0.0.1:" + other.port());
            try (TackFixture tack = TackFixture.start(routes)) {
                assertEquals("root\n", RawHttp.exchange(tack.clientPort(),
                        get("example.com", "/", "Pushpin-Route: backend\r\n")).body());
                assertNull(origin.received().get(0).header("Pushpin-Route"));
                RawHttp.Response unknown = RawHttp.exchange(tack.clientPort(),
                        get("example.com", "/", "Pushpin-Route: nope\r\n"));
                assertEquals(502, unknown.status());
                assertEquals("Route not found\n", unknown.body());
            }
            try (TackFixture off = TackFixture.start(routes, s -> s.acceptPushpinRoute(false))) {
                // Without accept_pushpin_route the header is an ordinary one: routed by host, and passed on.
                assertEquals("other\n", RawHttp.exchange(off.clientPort(),
                        get("example.com", "/", "Pushpin-Route: backend\r\n")).body());
                assertEquals("backend", other.received().get(0).header("Pushpin-Route"));
            }
        }
    }

    @Test
    void onlyConnectionAndKeepAliveStayOnTheirHop() throws Exception {
        try (RawOrigin raw = new RawOrigin((request, in, out) -> out.write(RawOrigin.answer("200 OK", "ok\n",
                "Connection: keep-alive, X-Hop", "Keep-Alive: timeout=5", "X-Hop: h", "Trailer: X-Sum",
                "Proxy-Connection: keep-alive", "Upgrade: h2c")));
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + raw.port()))) {
            RawHttp.Response response = RawHttp.exchange(tack.clientPort(), "GET / HTTP/1.1\r\nHost: h\r\n"
                    + "Connection: X-Named, keep-alive\r\nKeep-Alive: timeout=9\r\nX-Named: n\r\nTE: trailers\r\n"
                    + "Upgrade: h2c\r\nProxy-Connection: keep-alive\r\nTrailer: X-Sum\r\n\r\n");
            String sent = raw.received().get(0).head().toLowerCase(java.util.Locale.ROOT);
            for (String passes : List.of("x-named: n", "te: trailers", "upgrade: h2c", "proxy-connection: keep-alive",
                    "trailer: x-sum")) {
                assertTrue(sent.contains("\r\n" + passes + "\r\n"), passes + " missing from\n" + sent);
            }
            assertFalse(sent.contains("keep-alive: timeout=9"), sent);
            assertFalse(sent.contains("connection: x-named"), sent);
            assertEquals("ok\n", response.body());
            for (String passes : List.of("X-Hop", "Trailer", "Proxy-Connection", "Upgrade")) {
                assertTrue(response.header(passes) != null, passes + " missing from\n" + response.head());
            }
            assertNull(response.header("Keep-Alive"), response.head());
            assertFalse("keep-alive, X-Hop".equals(response.header("Connection")), response.head());
        }
    }

    @Test
    void forwardedProtocolHeadersFollowTheSettings() throws Exception {
        origin.on("/p", r -> Reply.of(200, "p\n"));
        String route = "* 127.0.0.1:" + origin.port();
        try (TackFixture tack = TackFixture.start(List.of(route),
                s -> s.forwarding(new ForwardingPolicy(true, "true", "", "", "")))) {
            RawHttp.exchange(tack.clientPort(), get("h", "/p", "X-Forwarded-Proto: https\r\n"));
            OriginServer.Received accepted = origin.received().get(0);
            assertEquals("https", accepted.header("X-Forwarded-Proto"));
            assertEquals("https", accepted.header("X-Forwarded-Protocol"));
        }
        try (TackFixture tack = TackFixture.start(List.of(route),
                s -> s.forwarding(new ForwardingPolicy(false, "proto-only", "", "", "")))) {
            // A plain client's claim is dropped: the connection is not TLS and the client is not believed.
            RawHttp.exchange(tack.clientPort(), get("h", "/p", "X-Forwarded-Proto: https\r\n"));
            assertNull(origin.received().get(1).header("X-Forwarded-Proto"));
        }
    }

    @Test
    void requestLinesCarryTheClientAddressAndAgentWhenAskedAndRespectTheRoutesLogLevel() throws Exception {
        String target = "127.0.0.1:" + origin.port();
        try (LogCapture log = new LogCapture(ProxySession.class.getName());
                TackFixture tack = TackFixture.start(List.of("quiet,log_level=2 " + target, "* " + target),
                        s -> s.logFrom(true).logUserAgent(true))) {
            RawHttp.exchange(tack.clientPort(), get("h", "/", "User-Agent: tack-test/1\r\n"));
            RawHttp.exchange(tack.clientPort(), get("quiet", "/", "User-Agent: quiet-test/1\r\n"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !log.messages(ch.qos.logback.classic.Level.DEBUG).isEmpty());
            List<String> lines = log.messages(ch.qos.logback.classic.Level.DEBUG);
            assertEquals("GET / -> [" + target + "] from=127.0.0.1 code=200 ua=tack-test/1", lines.get(0));
            assertTrue(lines.stream().noneMatch(l -> l.contains("quiet-test")), lines.toString());
        }
    }

    @Test
    void aResponseHoldBodyOver100000BytesIs502() throws Exception {
        origin.on("/big", r -> Reply.of(200, "x".repeat(100_001), "Grip-Hold", "response", "Grip-Channel", "c"));
        try (TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()))) {
            RawHttp.Response response = RawHttp.exchange(tack.clientPort(), get("h", "/big"));
            assertEquals(502, response.status());
            assertEquals("Error while proxying to origin.\n", response.body());
        }
    }

    @Test
    void aStreamHoldBodyOfAnySizeIsStreamedThenHeld() throws Exception {
        String initial = "0123456789".repeat(30_000);
        origin.on("/feed", r -> Reply.of(200, initial, "Grip-Hold", "stream", "Grip-Channel", "feed",
                "Grip-Status", "201 Made", "Content-Type", "text/plain"));
        origin.on("/built", r -> Reply.of(200, initial, "Grip-Hold", "stream",
                "Grip-Channel", "feed; filter=build-id"));
        try (TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()))) {
            StreamClients.Stream stream = streams.open(tack.clientPort(), "/feed", 1).get(0);
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.body().length() >= initial.length()
                    && tack.subscriptions() == 1);
            assertEquals(201, stream.status());
            assertEquals("Made", stream.head().status().reasonPhrase());
            assertNull(stream.head().headers().get("Grip-Hold"));
            tack.publishStream("feed", "more\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.body().endsWith("more\n"));
            assertEquals(initial + "more\n", stream.body());
            // build-id must see the whole body, so such a stream keeps Pushpin's limit.
            assertEquals(502, RawHttp.exchange(tack.clientPort(), get("h", "/built")).status());
        }
    }
}
