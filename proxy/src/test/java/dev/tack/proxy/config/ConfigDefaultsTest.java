package dev.tack.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.history.HistorySettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Tack uses when the config file sets nothing: Pushpin's code defaults. */
class ConfigDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void emptyFileGivesPushpinDefaults() throws ConfigException {
        final TackConfig c = ConfigFiles.load(dir, "");
        assertEquals(List.of(new ListenAddress("0.0.0.0", 7999)), c.clientListeners());
        assertEquals(new ListenAddress("127.0.0.1", 5561), c.publishListener());
        assertEquals(0, c.portOffset());
        assertEquals(2, c.logLevel());
        assertEquals(dir.resolve("tack.conf"), c.configFile());
        assertEquals(dir, c.configDir());
        assertNull(c.routesFile());
        assertEquals(new RunnerSettings(8192, 50000, false), c.runner());
    }

    @Test
    void proxyDefaults() throws ConfigException {
        final ProxySettings p = ConfigFiles.load(dir, "").proxy();
        assertEquals(new ProxySettings("pushpin", "", "", false, false, false, "", "", "", false, "", false, false), p);
        assertFalse(p.signsRequests());
    }

    @Test
    void handlerDefaults() throws ConfigException {
        final HandlerSettings h = ConfigFiles.load(dir, "").handler();
        assertEquals(new HandlerSettings(1_000_000, 10_000, "tcp://127.0.0.1:5560", List.of("tcp://127.0.0.1:5562"),
                false, "tcp://127.0.0.1:5563", 5000, 0, 20, 60, true, 0, 0, null, ""), h);
    }

    @Test
    void tackDefaults() throws ConfigException {
        final TackSettings t = ConfigFiles.load(dir, "").tack();
        assertEquals(new TackSettings("", "", "", "", "", "", 100, 1_000_000, 100_000, t.engine(), false,
                HistorySettings.off(), LimitSettings.DEFAULTS), t);
        assertEquals(EngineSettings.Kind.LOCAL, t.engine().kind());
        assertEquals(EngineSettings.DownPolicy.REJECT, t.engine().downPolicy());
        assertEquals("tack", t.engine().prefix());
        assertEquals(60_000, t.engine().lingerMillis());
        assertTrue(t.engine().nodeName().endsWith("-" + ProcessHandle.current().pid()), t.engine().nodeName());
        assertFalse(t.publishAuthRequired());
    }

    @Test
    void emptyValueCountsAsAbsentForNumbersAndBooleans() throws ConfigException {
        final TackConfig c = ConfigFiles.load(dir, "[handler]\nmessage_wait=\n[proxy]\ndebug=\n");
        assertEquals(5000, c.handler().messageWaitMillis());
        assertFalse(c.proxy().debug());
    }

    @Test
    void booleansAcceptPushpinSpellings() throws ConfigException {
        for (final String yes : List.of("true", "TRUE", "yes", "on", "1")) {
            assertTrue(ConfigFiles.load(dir, "[proxy]\ndebug=" + yes).proxy().debug(), yes);
        }
        for (final String no : List.of("false", "no", "off", "0")) {
            assertFalse(ConfigFiles.load(dir, "[proxy]\ndebug=" + no).proxy().debug(), no);
        }
    }
}
