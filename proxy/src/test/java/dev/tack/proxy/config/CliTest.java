package dev.tack.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliTest {
    @Test
    void noArgumentsGiveEmptyOptions() throws ConfigException {
        final CliOptions o = Cli.parse();
        assertNull(o.config());
        assertEquals(List.of(), o.ports());
        assertEquals(List.of(), o.routes());
        assertNull(o.id());
        assertNull(o.logLevel());
        assertFalse(o.verbose() || o.mergeOutput() || o.helpRequested() || o.versionRequested());
    }

    @Test
    void configTakesEqualsForm() throws ConfigException {
        assertEquals(Path.of("/tmp/x.conf"), Cli.parse("--config=/tmp/x.conf").config());
    }

    @Test
    void configTakesSeparateValue() throws ConfigException {
        assertEquals(Path.of("x.conf"), Cli.parse("--config", "x.conf").config());
    }

    @Test
    void configGivenTwiceIsRejected() {
        assertThrows(ConfigException.class, () -> Cli.parse("--config=a", "--config=b"));
    }

    @Test
    void portIsRepeatable() throws ConfigException {
        assertEquals(List.of("7999", "127.0.0.1:8000"), Cli.parse("--port", "7999", "--port=127.0.0.1:8000").ports());
    }

    @Test
    void badPortNamesFlagAndValue() {
        final ConfigException e = assertThrows(ConfigException.class, () -> Cli.parse("--port=http"));
        assertTrue(e.getMessage().startsWith("--port: http (expected: [addr:]port"), e.getMessage());
    }

    @Test
    void routeIsRepeatableAndKeepsSpaces() throws ConfigException {
        assertEquals(List.of("* test", "example.com localhost:80"),
                Cli.parse("--route", "* test", "--route=example.com localhost:80").routes());
    }

    @Test
    void idIsANonNegativeInteger() throws ConfigException {
        assertEquals(2, Cli.parse("--id", "2").id());
        assertEquals("--id: -1 (expected: an integer >= 0)",
                assertThrows(ConfigException.class, () -> Cli.parse("--id=-1")).getMessage());
        assertThrows(ConfigException.class, () -> Cli.parse("--id=two"));
    }

    @Test
    void loglevelAcceptsNumberAndServiceList() throws ConfigException {
        assertEquals("3", Cli.parse("--loglevel=3").logLevel());
        assertEquals("default:2,proxy:3", Cli.parse("--loglevel", "default:2,proxy:3").logLevel());
    }

    @Test
    void badLoglevelNamesFlagAndValue() {
        final ConfigException e = assertThrows(ConfigException.class, () -> Cli.parse("--loglevel=loud"));
        assertEquals("--loglevel: loud (expected: a level >= 0, or a list like default:2,proxy:3)", e.getMessage());
    }

    @Test
    void verboseIsAFlag() throws ConfigException {
        assertTrue(Cli.parse("--verbose").verbose());
    }

    @Test
    void mergeOutputHasShortAndLongForm() throws ConfigException {
        assertTrue(Cli.parse("-m").mergeOutput());
        assertTrue(Cli.parse("--merge-output").mergeOutput());
    }

    @Test
    void logfileIsAccepted() throws ConfigException {
        assertEquals(Path.of("/var/log/tack.log"), Cli.parse("--logfile=/var/log/tack.log").logFile());
    }

    @Test
    void helpAndVersionAreReported() throws ConfigException {
        assertTrue(Cli.parse("--help").helpRequested());
        assertTrue(Cli.parse("-h").helpRequested());
        assertTrue(Cli.parse("--version").versionRequested());
        assertTrue(Cli.version().startsWith("tack "));
    }

    @Test
    void logFormatTakesPushpinOrJson() throws ConfigException {
        assertEquals("json", Cli.parse("--log-format=json").logFormat());
        assertEquals("pushpin", Cli.parse("--log-format", "pushpin").logFormat());
        assertEquals(null, Cli.parse().logFormat());
        assertEquals("--log-format: yaml (expected: pushpin or json)",
                assertThrows(ConfigException.class, () -> Cli.parse("--log-format=yaml")).getMessage());
    }

    @Test
    void unknownFlagIsRejected() {
        final ConfigException e = assertThrows(ConfigException.class, () -> Cli.parse("--colour"));
        assertTrue(e.getMessage().contains("--colour"), e.getMessage());
    }

    @Test
    void atSignIsAPlainValueNotAnArgumentsFile() throws ConfigException {
        assertEquals(List.of("@routes"), Cli.parse("--route=@routes").routes());
    }

    @Test
    void usageListsEveryFlag() {
        final String usage = Cli.usage();
        for (final String flag : List.of("--config", "--port", "--route", "--id", "--loglevel", "--verbose",
                "--merge-output", "--logfile", "--log-format", "--help", "--version")) {
            assertTrue(usage.contains(flag), flag);
        }
    }
}
