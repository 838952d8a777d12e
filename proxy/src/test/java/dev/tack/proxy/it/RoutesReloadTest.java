package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.LogCapture;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.RawHttp;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading the routes file while Tack runs (docs/compatibility.md "Routes"): a change takes effect one second
 * (driven time) after the file changed, SIGHUP's reload at once; held connections keep going, and a broken file
 * is refused with a log line while the routes in force stay; a reloaded route's requests are signed as before.
 */
class RoutesReloadTest {

    @TempDir
    Path dir;
    private OriginServer first;
    private OriginServer second;
    private TackFixture tack;
    private Path routes;
    private final DrivenTime time = new DrivenTime();
    private final StreamClients streams = new StreamClients();

    @BeforeEach
    void start() throws Exception {
        first = new OriginServer();
        second = new OriginServer();
        first.on("/", r -> Reply.of(200, "first\n"));
        first.on("/feed", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "feed"));
        second.on("/", r -> Reply.of(200, "second\n"));
        routes = dir.resolve("routes");
        Files.writeString(routes, "* 127.0.0.1:" + first.port() + "\n");
        tack = TackFixture.start(Files.readAllLines(routes), s -> s.routesFile(routes).sigKey("reload-secret"), time);
    }

    @AfterEach
    void stop() {
        streams.close();
        tack.close();
        first.close();
        second.close();
    }

    private String body() throws Exception {
        return RawHttp.exchange(tack.clientPort(), "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").body();
    }

    @Test
    void aChangedFileIsReloadedASecondLaterAndHeldStreamsKeepGoing() throws Exception {
        StreamClients.Stream held = streams.open(tack.clientPort(), "/feed", 1).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> tack.subscriptions() == 1);
        assertEquals("first\n", body());
        Files.writeString(routes, "* 127.0.0.1:" + second.port() + "\n");
        tack.advanceUntil(Duration.ofMillis(250), () -> {
            try {
                return body().equals("second\n");
            } catch (Exception e) {
                return false;
            }
        });
        tack.publishStream("feed", "still here\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> held.body().equals("still here\n"));
        assertFalse(held.closed());
    }

    @Test
    void aBrokenFileIsRefusedAndTheRoutesInForceStay() throws Exception {
        try (LogCapture log = new LogCapture("dev.tack.proxy.server")) {
            Files.writeString(routes, "* 127.0.0.1:" + second.port() + "\n*,proto=tcp 127.0.0.1:1\n");
            assertFalse(tack.server().reloadRoutes("SIGHUP"));
            assertTrue(log.messages(ch.qos.logback.classic.Level.ERROR).stream().anyMatch(m -> m.startsWith(
                    "routes reload (SIGHUP) refused, keeping the 1 routes in force: " + routes.toAbsolutePath()
                            + ":2: proto=tcp (expected: http or ws)")), log.events().toString());
            assertEquals("first\n", body());
        }
    }

    @Test
    void aReloadedRouteStillSignsItsRequests() throws Exception {
        assertEquals("first\n", body());
        assertNotNull(first.received().get(0).header("Grip-Sig"));
        Files.writeString(routes, "* 127.0.0.1:" + second.port() + "\n");
        assertTrue(tack.server().reloadRoutes("SIGHUP"));
        assertEquals("second\n", body());
        assertNotNull(second.received().get(0).header("Grip-Sig"), "the reloaded route's request is not signed");
    }

    @Test
    void sighupsReloadTakesEffectAtOnce() throws Exception {
        Files.writeString(routes, "* 127.0.0.1:" + second.port() + "\n");
        assertTrue(tack.server().reloadRoutes("SIGHUP"));
        assertEquals("second\n", body());
        assertEquals(List.of("*,*,*,*"), tack.server().routes().routes().stream().map(r -> r.id()).toList());
    }
}
