package dev.tack.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.tack.proxy.testing.LogCapture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the file, includes, substitutions, port offsets, and how unknown keys are reported. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private TackConfig loadFrom(Path workDir, Path system) throws ConfigException {
        return ConfigLoader.load(Cli.parse("--route=* test"), workDir, system);
    }

    @Test
    void lookupPrefersConfigTackConf() throws ConfigException {
        ConfigFiles.write(dir, "config/tack.conf", "");
        ConfigFiles.write(dir, "config/pushpin.conf", "");
        ConfigFiles.write(dir, "pushpin.conf", "");
        assertEquals(dir.resolve("config/tack.conf"), loadFrom(dir, dir.resolve("sys.conf")).configFile());
    }

    @Test
    void lookupThenTriesConfigPushpinConfThenPushpinConf() throws ConfigException {
        ConfigFiles.write(dir, "config/pushpin.conf", "");
        ConfigFiles.write(dir, "pushpin.conf", "");
        assertEquals(dir.resolve("config/pushpin.conf"), loadFrom(dir, dir.resolve("sys.conf")).configFile());
        final Path other = ConfigFiles.write(dir, "w/pushpin.conf", "").getParent();
        assertEquals(other.resolve("pushpin.conf"), loadFrom(other, dir.resolve("sys.conf")).configFile());
    }

    @Test
    void lookupEndsWithTheSystemConfig() throws ConfigException {
        final Path system = ConfigFiles.write(dir, "etc/pushpin.conf", "");
        assertEquals(system, loadFrom(dir.resolve("empty"), system).configFile());
    }

    @Test
    void theInstallationsConfigComesAfterTheWorkingDirectorysAndBeforeTheSystems() throws ConfigException {
        final Path system = ConfigFiles.write(dir, "etc/pushpin.conf", "");
        final Path installed = ConfigFiles.write(dir, "opt/tack/config/tack.conf", "");
        final List<Path> fallbacks = ConfigLoader.fallbacks(dir.resolve("opt/tack").toString(), system);
        assertEquals(List.of(installed, system), fallbacks);
        assertEquals(installed, ConfigLoader.load(Cli.parse("--route=* test"), dir.resolve("empty"), fallbacks)
                .configFile());
        final Path local = ConfigFiles.write(dir, "work/config/tack.conf", "");
        assertEquals(local, ConfigLoader.load(Cli.parse("--route=* test"), dir.resolve("work"), fallbacks)
                .configFile());
        assertEquals(List.of(system), ConfigLoader.fallbacks(null, system));
    }

    @Test
    void noConfigFoundNamesEveryPlaceTried() {
        final String message = assertThrows(ConfigException.class,
                () -> loadFrom(dir, dir.resolve("sys.conf"))).getMessage();
        assertTrue(message.startsWith("no configuration file found (tried: [" + dir.resolve("config/tack.conf")),
                message);
        assertTrue(message.contains("sys.conf]); pass --config FILE"), message);
    }

    @Test
    void missingConfigFlagFileIsRejected() {
        assertEquals("--config: nope.conf (expected: an existing file)", assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Cli.parse("--config=nope.conf"), dir, dir.resolve("sys"))).getMessage());
    }

    @Test
    void relativeConfigFlagResolvesAgainstTheWorkingDirectory() throws ConfigException {
        ConfigFiles.write(dir, "a/my.conf", "");
        assertEquals(dir.resolve("a/my.conf"),
                ConfigLoader.load(Cli.parse("--config=a/my.conf", "--route=* test"), dir, dir.resolve("sys"))
                        .configFile());
    }

    @Test
    void internalConfIncludeIsSkippedWithAnInfoLine() throws ConfigException {
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            ConfigFiles.load(dir, "[global]\ninclude={libdir}/internal.conf\n");
            ConfigFiles.load(dir, "[global]\ninclude=internal.conf\n");
            ConfigFiles.write(dir, "lib/internal.conf", "[proxy]\ndebug=nonsense\n");
            ConfigFiles.load(dir, "[global]\nlibdir=" + dir.resolve("lib") + "\ninclude={libdir}/internal.conf\n");
            assertEquals(3, log.messages(Level.INFO).stream().filter(m -> m.startsWith("[global] include:")).count());
            assertEquals(List.of(), log.warnings());
        }
    }

    @Test
    void libdirIncludeThatCannotBeFoundIsSkipped() throws ConfigException {
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            ConfigFiles.load(dir, "[global]\ninclude={libdir}/other.conf\n");
            ConfigFiles.load(dir, "[global]\nlibdir=" + dir + "\ninclude={libdir}/other.conf\n");
            assertEquals(List.of("[global] include: {libdir}/other.conf skipped ([global] libdir is not set)",
                    "[global] include: {libdir}/other.conf skipped (no " + dir.resolve("other.conf") + ")"),
                    log.messages(Level.INFO));
        }
    }

    @Test
    void includeFillsKeysTheMainFileLacks() throws ConfigException {
        ConfigFiles.write(dir, "inc/base.conf", "[runner]\nhttp_port=8000\n[proxy]\nsig_iss=included\n");
        final TackConfig c = ConfigFiles.load(dir, "[global]\ninclude=inc/base.conf\n[proxy]\nsig_iss=main\n");
        assertEquals(8000, c.clientListeners().get(0).port());
        assertEquals("main", c.proxy().sigIss());
    }

    @Test
    void missingIncludeIsRejected() {
        final String message = assertThrows(ConfigException.class,
                () -> ConfigFiles.load(dir, "[global]\ninclude=base.conf\n")).getMessage();
        assertEquals("[global] include: base.conf (expected: an existing file; looked for " + dir.resolve("base.conf")
                + ")", message);
    }

    @Test
    void rundirIpcPrefixAndLibdirAreSubstituted() throws ConfigException {
        final TackConfig c = ConfigFiles.load(dir, "[global]\nrundir=/run/t\nipc_prefix=x-\nlibdir=/lib/t\n"
                + "[handler]\npush_in_spec=ipc://{rundir}/{ipc_prefix}in\n[proxy]\nsig_key=file:{libdir}/key\n");
        assertEquals("ipc:///run/t/x-in", c.handler().pushInSpec());
        assertEquals("file:/lib/t/key", c.proxy().sigKey());
    }

    @Test
    void deprecatedRunnerRundirIsUsedWhenGlobalHasNone() throws ConfigException {
        assertEquals("ipc:///old/pushpin-in", ConfigFiles.load(dir,
                "[runner]\nrundir=/old\n[handler]\npush_in_spec=ipc://{rundir}/{ipc_prefix}in\n").handler()
                .pushInSpec());
    }

    @Test
    void portOffsetShiftsHttpPortsPublishPortAndTcpSpecs() throws ConfigException {
        final TackConfig c = ConfigFiles.load(dir, "[global]\nport_offset=100\n[runner]\nhttp_port=7999,0\n"
                + "[handler]\ncommand_spec=tcp://127.0.0.1:5563\n");
        assertEquals(100, c.portOffset());
        assertEquals(List.of(new ListenAddress("0.0.0.0", 8099), new ListenAddress("0.0.0.0", 0)), c.clientListeners());
        assertEquals(5661, c.publishListener().port());
        assertEquals("tcp://127.0.0.1:5663", c.handler().commandSpec());
        assertEquals("tcp://127.0.0.1:5660", c.handler().pushInSpec());
        assertEquals(List.of("tcp://127.0.0.1:5662"), c.handler().pushInSubSpecs());
    }

    @Test
    void portOffsetShiftsEveryTcpPortInAValue() throws ConfigException {
        assertEquals("tcp://[::1]:5572", ConfigFiles.load(dir,
                "[global]\nport_offset=10\n[handler]\npush_in_sub_specs=\"tcp://[::1]:5562\"\n").handler()
                .pushInSubSpecs().get(0));
    }

    @Test
    void idSetsPortOffsetAndIpcPrefix() throws ConfigException {
        final TackConfig c = ConfigFiles.load(dir, "[global]\nport_offset=100\n[handler]\n"
                + "push_in_spec=ipc://{ipc_prefix}in\n", "--id=2");
        assertEquals(20, c.portOffset());
        assertEquals(8019, c.clientListeners().get(0).port());
        assertEquals("ipc://2-in", c.handler().pushInSpec());
    }

    @Test
    void portFlagReplacesHttpPortAndIsUsedAsTyped() throws ConfigException {
        final TackConfig c = ConfigFiles.load(dir, "[runner]\nhttp_port=7999\n", "--id=1", "--port=127.0.0.1:9000",
                "--port=9001");
        assertEquals(List.of(new ListenAddress("127.0.0.1", 9000), new ListenAddress("0.0.0.0", 9001)),
                c.clientListeners());
    }

    @Test
    void portFlagWithTlsReplacesHttpsPorts() throws ConfigException {
        final TackConfig c = ConfigFiles.load(dir, "[runner]\nhttp_port=7999\nhttps_ports=443\n", "--port=9000",
                "--port=127.0.0.1:9443,tls");
        assertEquals(List.of(new ListenAddress("0.0.0.0", 9000)), c.clientListeners());
        assertEquals(List.of(new ListenAddress("127.0.0.1", 9443)), c.httpsListeners());
        final ConfigException bad = assertThrows(ConfigException.class, () -> Cli.parse("--port=x,tls"));
        assertTrue(bad.getMessage().startsWith("--port: x (expected: [addr:]port"), bad.getMessage());
    }

    @Test
    void verboseBeatsLoglevelWhichBeatsTheConfig() throws ConfigException {
        assertEquals(3, ConfigFiles.load(dir, "[runner]\nlog_level=1", "--verbose", "--loglevel=0").logLevel());
        assertEquals(0, ConfigFiles.load(dir, "[runner]\nlog_level=1", "--loglevel=0").logLevel());
        assertEquals(1, ConfigFiles.load(dir, "[runner]\nlog_level=1").logLevel());
    }

    @Test
    void unknownKeyIsWarnedOnceNamingSectionAndKey() throws ConfigException {
        ConfigFiles.write(dir, "base.conf", "[proxy]\ncolour=red\n");
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            ConfigFiles.load(dir, "[global]\ninclude=base.conf\n[proxy]\ncolour=blue\n[tack]\nfoo=1\n");
            assertEquals(List.of(dir.resolve("tack.conf") + ":4: [proxy] colour: unknown key; ignored",
                    dir.resolve("tack.conf") + ":6: [tack] foo: unknown key; ignored"), log.warnings());
        }
    }

    @Test
    void pushpinKeysTackDoesNotUseAreQuiet() throws ConfigException {
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            ConfigFiles.load(dir, "[global]\nstats_connection_ttl=120\n[runner]\nservices=connmgr\nlogdir=log\n"
                    + "https_ports=\n[proxy]\nupdates_check=off\ncondure_in_specs=ipc://x\n"
                    + "[handler]\nstats_spec=ipc://s\nproxy_accept_spec=ipc://a\nstats_format=json\n");
            assertEquals(List.of(), log.warnings());
            assertEquals(8, log.messages(Level.DEBUG).stream().filter(m -> m.contains("not used by Tack")).count());
        }
    }

    @Test
    void httpsPortsAreTlsListenersWithThePortOffsetAndPushpinsCertsDir() throws ConfigException {
        TackConfig c = ConfigFiles.load(dir, "[global]\nport_offset=10\n[runner]\nhttps_ports=443, 127.0.0.1:8443\n");
        assertEquals(List.of(new ListenAddress("0.0.0.0", 453), new ListenAddress("127.0.0.1", 8453)),
                c.httpsListeners());
        assertEquals(dir.resolve("runner").resolve("certs"), c.certsDir());
    }

    @Test
    void localPortsAreWarnedAsNotSupported() throws ConfigException {
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            ConfigFiles.load(dir, "[runner]\nlocal_ports=/run/tack.sock\n");
            assertEquals(List.of(dir.resolve("tack.conf")
                    + ":2: [runner] local_ports: /run/tack.sock is not supported by Tack yet; ignored"), log.warnings());
        }
    }

    @Test
    void keyOutsideAnySectionIsWarned() throws ConfigException {
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            ConfigFiles.load(dir, "http_port=1\n");
            assertEquals(List.of(dir.resolve("tack.conf") + ":1: http_port is outside any [section]; ignored"),
                    log.warnings());
        }
    }

    @Test
    void malformedLineNamesFileAndLine() {
        final String message = assertThrows(ConfigException.class, () -> ConfigFiles.load(dir, "[runner]\nhttp_port\n"))
                .getMessage();
        assertTrue(message.startsWith(dir.resolve("tack.conf") + ":2: http_port (expected:"), message);
    }
}
