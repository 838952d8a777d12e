package dev.tack.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.bench.BenchMain;
import dev.tack.bench.client.IoKind;
import dev.tack.bench.client.Transport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadCommandTest {
    @Test
    void defaultsDescribeAModestSseRunAgainstLocalPorts() {
        LoadConfig c = parse();
        assertEquals("127.0.0.1", c.swarm().host());
        assertEquals(7999, c.swarm().port());
        assertEquals("http://127.0.0.1:5561/publish/", c.publish().url().toString());
        assertEquals(1000, c.swarm().subscribers());
        assertEquals(1, c.swarm().channels());
        assertEquals(Transport.SSE, c.swarm().mix().transportFor(0));
        assertEquals(50, c.publish().messages());
        assertEquals(10.0, c.publish().rate());
        assertNull(c.publish().flatOut());
        assertEquals(1, c.swarm().sourceIps());
        assertEquals(IoKind.AUTO, c.swarm().io());
        assertEquals(8090, c.originPort());
        assertTrue(c.swarm().channelPrefix().matches("bench-[0-9a-f]{6}-"), c.swarm().channelPrefix());
        assertNull(c.output().json());
    }

    @Test
    void shortOptionsSetTheScenario() {
        LoadConfig c = parse("-n", "5000", "-c", "1000", "-t", "ws:1,poll:1", "-m", "2000", "-r", "200");
        assertEquals(5000, c.swarm().subscribers());
        assertEquals(1000, c.swarm().channels());
        assertEquals(Transport.POLL, c.swarm().mix().transportFor(1));
        assertEquals(2000, c.publish().messages());
        assertEquals(200.0, c.publish().rate());
    }

    @Test
    void durationMeansFlatOut() {
        assertEquals(Duration.ofSeconds(10), parse("-d", "10s").publish().flatOut());
    }

    @Test
    void messagesAndDurationExcludeEachOther() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("-d", "10s", "-m", "5"));
        assertEquals("--messages and --duration exclude each other "
                + "(expected: a message count at --rate, or a flat-out duration)", e.getMessage());
    }

    @Test
    void proxyPidsMaySplitAndRepeat() {
        assertEquals(List.of(1L, 2L, 3L), parse("--proxy-pid", "1,2", "--proxy-pid", "3").proxyPids());
    }

    @Test
    void manySubscribersSpreadOverSourceAddresses() {
        assertEquals(3, parse("-n", "60000").swarm().sourceIps());
        assertEquals(5, parse("-n", "60000", "--source-ips", "5").swarm().sourceIps());
    }

    @Test
    void histogramFilesSitNextToTheJson() {
        LoadConfig c = parse("--out", "results/pushpin/a.json");
        assertEquals(Path.of("results/pushpin/a.json"), c.output().json());
        assertEquals(Path.of("results/pushpin/a"), c.output().hgrmPrefix());
    }

    @Test
    void noOriginMeansNoInProcessOrigin() {
        assertEquals(-1, parse("--no-origin").originPort());
    }

    @Test
    void unknownTransportIsNamed() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("-t", "tcp"));
        assertEquals("transport: 'tcp' (expected one of: ws, sse, stream, poll)", e.getMessage());
    }

    @Test
    void unknownIoIsNamed() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--io", "kqueue"));
        assertEquals("--io: 'kqueue' (expected: auto, epoll or nio)", e.getMessage());
    }

    @Test
    void badChannelPrefixIsNamed() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--channel-prefix", "a b"));
        assertEquals("channel prefix: 'a b' (expected: letters, digits, '.', '_' or '-')", e.getMessage());
    }

    @Test
    void badDurationIsNamed() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--settle", "soon"));
        assertTrue(e.getMessage().contains("'soon' (expected: a duration like 500ms, 10s, 2m, or a number of seconds)"),
                e.getMessage());
    }

    @Test
    void durationsTakeUnits() {
        DurationConverter d = new DurationConverter();
        assertEquals(Duration.ofMillis(250), d.convert("250ms"));
        assertEquals(Duration.ofMillis(1500), d.convert("1.5"));
        assertEquals(Duration.ofMinutes(2), d.convert("2m"));
        assertEquals(Duration.ZERO, d.convert("0"));
    }

    @Test
    void zeroRateIsRejected() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("-r", "0"));
        assertEquals("rate: 0.0 (expected: > 0 messages per second)", e.getMessage());
    }

    @Test
    void helpListsTheLoadOptions() {
        StringWriter out = new StringWriter();
        CommandLine cli = BenchMain.commandLine().setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("load", "--help"));
        assertTrue(out.toString().contains("--subscribers"));
        assertTrue(out.toString().contains("--proxy-pid"));
    }

    @Test
    void laterOptionsOverrideEarlierOnes() {
        StringWriter err = new StringWriter();
        CommandLine cli = BenchMain.commandLine().setErr(new PrintWriter(err));
        assertEquals(1, cli.execute("load", "--no-origin", "-n", "1", "--progress", "5s", "--progress", "0",
                "--proxy-pid", "999999999"));
        assertTrue(err.toString().startsWith("bench load: process 999999999: /proc/999999999/status does not exist"),
                err.toString());
    }

    @Test
    void reportFilesGoBesideTheJson() {
        LoadConfig c = parse("--out", "results/a.json");
        assertEquals(Path.of("results/a.html"), c.output().html());
        assertEquals(Path.of("results/a"), c.output().hgrmPrefix());
        assertEquals(Path.of("x.html"), parse("--out", "results/a.json", "--html", "x.html").output().html());
        assertNull(parse().output().html());
    }

    @Test
    void stormAndNchanOptions() {
        LoadConfig c = parse("--publish-api", "nchan", "--event-ids", "--reconnect-at", "5s", "--warmup", "200",
                "--proxy-pid", "1", "--count-connections-to", "8090", "--sample-interval", "1s");
        assertEquals(dev.tack.bench.publish.PublishApi.NCHAN, c.publish().api());
        assertTrue(c.publish().eventIds());
        assertEquals(Duration.ofSeconds(5), c.phases().reconnectAt());
        assertEquals(200, c.phases().warmup());
        assertEquals(8090, c.countPort());
        assertEquals(Duration.ofSeconds(1), c.phases().sample());
        assertEquals(-1, parse().countPort());
        assertNull(parse().phases().reconnectAt());
    }

    @Test
    void countingConnectionsNeedsTheProxysPids() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--count-connections-to", "8090"));
        assertEquals("counting connections to port 8090 needs the proxy's processes (expected: --proxy-pid as well)",
                e.getMessage());
    }

    @Test
    void unknownPublishApiIsNamed() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--publish-api", "mqtt"));
        assertEquals("publish API: 'mqtt' (expected: pushpin or nchan)", e.getMessage());
    }

    private static LoadConfig parse(String... args) {
        LoadCommand cmd = new LoadCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.config();
    }
}
