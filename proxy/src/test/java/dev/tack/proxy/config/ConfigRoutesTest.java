package dev.tack.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.LogCapture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the routes come from: --route lines, else [proxy] routesfile; no default route. */
class ConfigRoutesTest {
    @TempDir
    Path dir;

    @Test
    void routesFileIsRelativeToTheConfigDirectory() throws ConfigException {
        ConfigFiles.write(dir, "routes", "* localhost:8080,over_http\n");
        final TackConfig c = ConfigFiles.load(dir, "[proxy]\nroutesfile=routes\n");
        assertEquals(dir.resolve("routes"), c.routesFile());
        assertEquals(1, c.routes().size());
        assertEquals("localhost", c.routes().get(0).targets().get(0).host());
    }

    @Test
    void routeFlagsReplaceTheRoutesFile() throws ConfigException {
        ConfigFiles.write(dir, "routes", "* localhost:8080\n");
        final TackConfig c = ConfigFiles.load(dir, "[proxy]\nroutesfile=routes\n", "--route=* test",
                "--route=example.com localhost:9000");
        assertNull(c.routesFile());
        assertEquals(List.of("*", "example.com"), c.routes().stream().map(r -> r.domain()).toList());
    }

    @Test
    void missingRoutesFileIsRejected() {
        final String message = assertThrows(ConfigException.class,
                () -> ConfigFiles.load(dir, "[proxy]\nroutesfile=nope\n")).getMessage();
        assertEquals("[proxy] routesfile: nope (expected: an existing routes file; looked for " + dir.resolve("nope")
                + ")", message);
    }

    @Test
    void noRoutesAtAllIsAWarningNotADefaultRoute() throws ConfigException {
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            final TackConfig c = ConfigFiles.load(dir, "[proxy]\nroutesfile=\n");
            assertEquals(List.of(), c.routes());
            final String warning = log.warnings().get(0);
            assertTrue(warning.startsWith("no routes: [proxy] routesfile is not set"), warning);
        }
    }

    @Test
    void emptyRoutesFileIsWarned() throws ConfigException {
        ConfigFiles.write(dir, "routes", "# nothing yet\n");
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            ConfigFiles.load(dir, "[proxy]\nroutesfile=routes\n");
            assertEquals(List.of(dir.resolve("routes") + " has no routes; every request will get 502 Route not found"),
                    log.warnings());
        }
    }

    @Test
    void routeWarningsAreLogged() throws ConfigException {
        ConfigFiles.write(dir, "routes", "lonely\n* test\n");
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            ConfigFiles.load(dir, "[proxy]\nroutesfile=routes\n");
            assertEquals(List.of(dir.resolve("routes") + ":1: a route needs a condition and at least one target; "
                    + "line skipped"), log.warnings());
        }
    }

    @Test
    void brokenRouteLineStopsTheLoadNamingFileAndLine() {
        ConfigFiles.write(dir, "routes", "* test\n* localhost\n");
        final String message = assertThrows(ConfigException.class,
                () -> ConfigFiles.load(dir, "[proxy]\nroutesfile=routes\n")).getMessage();
        assertTrue(message.startsWith(dir.resolve("routes") + ":2: target localhost (expected:"), message);
    }

    @Test
    void brokenRouteFlagNamesTheFlag() {
        final String message = assertThrows(ConfigException.class,
                () -> ConfigFiles.load(dir, "", "--route=* test", "--route=* \"x")).getMessage();
        assertTrue(message.startsWith("--route:2: unterminated quoted section"), message);
    }
}
