package dev.tack.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RouteTable;
import dev.tack.proxy.testing.LogCapture;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Real-world config files load unchanged: Debian's pushpin.conf, the Fastly CLI's, and Tack's own. */
class ConfigCompatTest {
    /** Installed by {@code apt-get install pushpin}; {@code TACK_PUSHPIN_CONF} points elsewhere for local runs. */
    private static final Path DEBIAN_CONF = Path.of(System.getenv().getOrDefault("TACK_PUSHPIN_CONF",
            "/etc/pushpin/pushpin.conf"));
    private static final Path SHIPPED = Path.of("..", "config").toAbsolutePath().normalize();

    private static TackConfig load(Path file) throws ConfigException {
        return ConfigLoader.load(Cli.parse("--config=" + file));
    }

    @Test
    void debianPushpinConfLoadsWithoutWarnings() throws ConfigException {
        dev.tack.proxy.testing.Needs.external(Files.isRegularFile(DEBIAN_CONF), "no " + DEBIAN_CONF + " (apt-get install pushpin)");
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            final TackConfig c = load(DEBIAN_CONF);
            assertEquals(List.of(), log.warnings());
            assertTrue(log.messages(Level.INFO).contains("[global] include: {libdir}/internal.conf skipped "
                    + "(Pushpin's internal process wiring; Tack runs as one process)"),
                    log.messages(Level.INFO).toString());
            assertEquals(List.of(new ListenAddress("0.0.0.0", 7999)), c.clientListeners());
            assertEquals(new ListenAddress("127.0.0.1", 5561), c.publishListener());
            assertEquals("changeme", c.proxy().sigKey());
            assertEquals("proto-only", c.proxy().setXForwardedProtocol());
            assertEquals("tcp://127.0.0.1:5560", c.handler().pushInSpec());
            assertEquals(60, c.handler().idCacheTtlSeconds());
            assertEquals(2500, c.handler().messageRate());
            assertEquals(DEBIAN_CONF.resolveSibling("routes"), c.routesFile());
            assertFalse(c.tack().history().enabled(), "a Pushpin config keeps no channel history");
        }
    }

    @Test
    void fastlyCliGeneratedConfigLoads() throws ConfigException, URISyntaxException {
        final Path file = Path.of(getClass().getResource("fastly-cli-generated.conf").toURI());
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            final TackConfig c = load(file);
            assertEquals(List.of(), log.warnings());
            assertEquals(List.of(new ListenAddress("0.0.0.0", 7677)), c.clientListeners());
            assertEquals(new ListenAddress("0.0.0.0", 5561), c.publishListener());
            assertTrue(c.proxy().acceptPushpinRoute());
            assertEquals(65536, c.handler().pushInHttpMaxBodySize());
            assertEquals(8192, c.handler().pushInHttpMaxHeadersSize());
            assertFalse(c.tack().history().enabled());
            assertEquals("tcp://127.0.0.1:5562", c.handler().pushInSpec());
            assertEquals("tcp://127.0.0.1:5564", c.handler().commandSpec());
            final RouteTable table = new RouteTable(c.routes());
            final Route origin = table.byId("origin_0", "/").orElseThrow();
            assertTrue(origin.targets().get(0).overHttp());
            assertEquals("/v1/items", table.byId("api_backend", "/items").orElseThrow().rewritePath("/items"));
            assertTrue(table.match("localhost", "/", false, false).isEmpty()); // id-only routes: no host rules
        }
    }

    @Test
    void shippedTackConfLoadsWithoutWarnings() throws ConfigException {
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            final TackConfig c = load(SHIPPED.resolve("tack.conf"));
            assertEquals(List.of(), log.warnings());
            assertEquals(List.of(), log.messages(Level.DEBUG)); // every key in it is one Tack uses
            assertEquals(List.of(new ListenAddress("0.0.0.0", 7999)), c.clientListeners());
            assertEquals(new ListenAddress("127.0.0.1", 7998), c.handler().prometheusListener());
            assertEquals(SHIPPED.resolve("routes"), c.routesFile());
            final Route route = new RouteTable(c.routes()).match("example.com", "/", true, false).orElseThrow();
            assertEquals("localhost:8080", route.targets().get(0).toString());
            assertTrue(route.targets().get(0).overHttp());
        }
    }

    @Test
    void shippedTackConfListsEveryKeyTackUsesWithACommentAbove() throws Exception {
        final List<String> lines = Files.readAllLines(SHIPPED.resolve("tack.conf"));
        int keys = 0;
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("[")) {
                keys++;
                assertTrue(lines.get(i - 1).startsWith("#"), "no comment above: " + line);
            }
        }
        final long used = KnownKeys.USED.values().stream().mapToLong(Set::size).sum();
        // Not listed: include, libdir, rundir (global, and the deprecated runner one), the legacy push_in_sub_spec,
        // and the [proxy] prometheus_* fallbacks, which the [handler] keys cover.
        assertEquals(used - 7, keys);
    }

    @Test
    void shippedFastlyExampleLoadsWithoutWarnings() throws ConfigException {
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            final TackConfig c = load(SHIPPED.resolve("examples/fastly-cli.conf"));
            assertEquals(List.of(), log.warnings());
            assertEquals(7677, c.clientListeners().get(0).port());
            assertTrue(new RouteTable(c.routes()).byId("origin_0", "/chat").isPresent());
        }
    }
}
