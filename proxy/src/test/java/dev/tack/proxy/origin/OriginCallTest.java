package dev.tack.proxy.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RoutesParser;
import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.RawOrigin;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.Future;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one origin call, used directly as a held session would use it: over loopback, on driven time. */
class OriginCallTest {

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = loops.next();
    private final DrivenTime time = new DrivenTime();
    private final TackMetrics metrics = new TackMetrics("");

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Origin origin(List<Route> routes) {
        Signers signers = new Signers(routes, "changeme", "pushpin", "", Path.of("."), Clock.systemUTC());
        return new Origin(NioSocketChannel.class, new OriginTimings(2000, 30_000, 1_000, 120_000), signers,
                ForwardingPolicy.none(), metrics, time);
    }

    private static Route route(String line) throws Exception {
        return RoutesParser.parse(List.of(line), w -> { }).get(0);
    }

    private static OriginRequest get(Route route, int retries) {
        return new OriginRequest(route, route.targets(), HttpMethod.GET, "/x", List.of(new Header("Host", "origin")),
                new byte[0], true, false, new OriginRequest.Policy(120_000, 30_000, 1000, retries, 1000));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static OriginFailure failure(Future<OriginResponse> call) {
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, call::get);
        return ((OriginException) failed.getCause()).failure();
    }

    @Test
    void fetchGetsTheWholeAnswerSignedAndSkipsInterimOnes() throws Exception {
        try (RawOrigin raw = new RawOrigin((request, in, out) -> {
            out.write("HTTP/1.1 102 Processing\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(RawOrigin.answer("200 OK", "hello\n", "X-Origin: yes"));
        })) {
            Route route = route("* 127.0.0.1:" + raw.port());
            OriginResponse answer = origin(List.of(route)).fetch(loop, get(route, 0)).get(10, TimeUnit.SECONDS);
            assertEquals(200, answer.status());
            assertEquals("yes", answer.header("X-Origin"));
            assertEquals("hello\n", new String(answer.body(), StandardCharsets.UTF_8));
            assertEquals(route.targets().get(0), answer.target());
            assertTrue(raw.received().get(0).head().contains("Grip-Sig: "), raw.received().get(0).head());
        }
    }

    @Test
    void aBurstOfCallsSharesConnectionsInsteadOfOpeningOneEach() throws Exception {
        try (RawOrigin raw = new RawOrigin((request, in, out) -> out.write(RawOrigin.answer("200 OK", "ok")))) {
            Route route = route("* 127.0.0.1:" + raw.port());
            Origin origin = origin(List.of(route));
            List<Future<OriginResponse>> calls = loop.submit(() -> {
                List<Future<OriginResponse>> started = new java.util.ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    started.add(origin.fetch(loop, get(route, 0)));
                }
                return started;
            }).get(10, TimeUnit.SECONDS);
            for (Future<OriginResponse> call : calls) {
                assertEquals(200, call.get(10, TimeUnit.SECONDS).status());
            }
            long connections = raw.received().stream().mapToInt(RawOrigin.Request::connection).distinct().count();
            assertEquals(300, raw.received().size());
            // At most MAX_CONNECTING are opened at once; the calls waiting meanwhile take the ones freed first.
            assertTrue(connections < 300, connections + " connections for 300 calls");
            org.awaitility.Awaitility.await().until(() -> origin.openConnections() <= OriginPool.DEFAULT_MAX_IDLE);
        }
    }

    @Test
    void unreachableTargetsFailOverThenRetryWithBackoffThenFail() throws Exception {
        Route route = route("* 127.0.0.1:" + closedPort() + " 127.0.0.1:" + closedPort());
        Future<OriginResponse> call = origin(List.of(route)).fetch(loop, get(route, 2));
        // Both targets refused; two more rounds follow after 1 s and 2 s (plus jitter below 1 s each).
        org.awaitility.Awaitility.await().until(() -> time.pending() == 1);
        assertFalse(call.isDone());
        time.advance(Duration.ofMillis(1999));
        org.awaitility.Awaitility.await().until(() -> time.pending() == 1);
        assertFalse(call.isDone());
        time.advance(Duration.ofMillis(2999));
        OriginFailure failure = failure(call);
        assertEquals(OriginFailure.Kind.UNREACHABLE, failure.kind());
        assertEquals(route.targets(), failure.tried());
        assertTrue(failure.describe().startsWith("Unable to connect to any targets. Tried: 127.0.0.1:"), failure.describe());
    }

    @Test
    void bodyLargerThanTheLimitFails() throws Exception {
        try (RawOrigin raw = new RawOrigin((request, in, out) -> out.write(RawOrigin.answer("200 OK", "x".repeat(1001))))) {
            Route route = route("* 127.0.0.1:" + raw.port());
            OriginFailure failure = failure(origin(List.of(route)).fetch(loop, get(route, 0)));
            assertEquals(OriginFailure.Kind.TOO_LARGE, failure.kind());
            assertEquals("response body over 1000 bytes", failure.detail());
        }
    }

    @Test
    void headThatNeverComesTimesOut() throws Exception {
        try (RawOrigin raw = new RawOrigin((request, in, out) -> in.read())) {
            Route route = route("* 127.0.0.1:" + raw.port());
            Future<OriginResponse> call = origin(List.of(route)).fetch(loop, get(route, 0));
            org.awaitility.Awaitility.await().until(() -> raw.received().size() == 1 && time.pending() == 1);
            time.advance(Duration.ofSeconds(119));
            assertFalse(call.isDone());
            time.advance(Duration.ofSeconds(1));
            OriginFailure failure = failure(call);
            assertEquals(OriginFailure.Kind.TIMEOUT, failure.kind());
            assertEquals("no response within 120000 ms", failure.detail());
        }
    }

    @Test
    void stalePooledConnectionIsReplacedWithoutTheCallerNoticing() throws Exception {
        try (RawOrigin raw = new RawOrigin((request, in, out) -> {
            out.write(RawOrigin.answer("200 OK", "connection " + request.connection()));
            out.flush();
            // Keep-alive in name only: the origin closes every connection after its first answer.
            throw new java.io.IOException("closing");
        })) {
            Route route = route("* 127.0.0.1:" + raw.port());
            Origin origin = origin(List.of(route));
            assertEquals("connection 1", new String(origin.fetch(loop, get(route, 0)).get(10, TimeUnit.SECONDS).body(),
                    StandardCharsets.UTF_8));
            assertEquals("connection 2", new String(origin.fetch(loop, get(route, 0)).get(10, TimeUnit.SECONDS).body(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void switchingProtocolsNobodyAskedForIsMalformed() throws Exception {
        try (RawOrigin raw = new RawOrigin((request, in, out) -> out.write(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)))) {
            Route route = route("* 127.0.0.1:" + raw.port());
            assertEquals(OriginFailure.Kind.MALFORMED, failure(origin(List.of(route)).fetch(loop, get(route, 0))).kind());
        }
    }
}
