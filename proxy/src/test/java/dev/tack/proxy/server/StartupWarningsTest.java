package dev.tack.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.admin.AdminSettings;
import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.publish.PublishSettings;
import dev.tack.proxy.publish.zmq.ZmqSettings;
import dev.tack.proxy.testing.LogCapture;
import dev.tack.proxy.testing.TackFixture;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up warnings for settings that trust too much (docs/reliability.md "Safer defaults"), one per rule. */
class StartupWarningsTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 5561);
    private static final InetSocketAddress EVERYWHERE = new InetSocketAddress("0.0.0.0", 5561);
    private static final PublishSettings KEYED = new PublishSettings(1_000_000, 10_000, "", "", "tok", "", "", "");

    private static ServerSettings.Builder quiet() {
        return ServerSettings.loopback(List.of(), "a-real-secret").toBuilder().zmq(ZmqSettings.off());
    }

    private static List<String> warnings(ServerSettings.Builder settings, InetSocketAddress publish,
            InetSocketAddress metrics) {
        return StartupWarnings.of(settings.build(), publish, metrics);
    }

    @Test
    void aSafeConfigurationWarnsOfNothing() {
        assertEquals(List.of(), warnings(quiet(), LOOPBACK, LOOPBACK));
    }

    @Test
    void theShippedSigKeyIsWarnedAbout() {
        List<String> out = warnings(quiet().sigKey("changeme"), LOOPBACK, null);
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("[proxy] sig_key is the shipped value \"changeme\""), out.get(0));
    }

    @Test
    void aPublishPortOnEveryInterfaceWithoutCredentialsIsWarnedAbout() {
        List<String> out = warnings(quiet(), EVERYWHERE, null);
        assertEquals(1, out.size());
        assertTrue(out.get(0).contains("the publish API on 0.0.0.0:5561 is reachable from other hosts and needs no "
                + "credentials"), out.get(0));
        assertEquals(List.of(), warnings(quiet().publish(KEYED), EVERYWHERE, null), "credentials set: no warning");
    }

    @Test
    void aMetricsPortOnEveryInterfaceWithoutATokenIsWarnedAbout() {
        List<String> out = warnings(quiet(), LOOPBACK, new InetSocketAddress("0.0.0.0", 7998));
        assertEquals(1, out.size());
        assertTrue(out.get(0).contains("the metrics port on 0.0.0.0:7998"), out.get(0));
        assertEquals(List.of(), warnings(quiet().admin(new AdminSettings("token", Map.of(), 10)), LOOPBACK,
                new InetSocketAddress("0.0.0.0", 7998)));
    }

    @Test
    void trustingClientsForwardedProtoIsWarnedAbout() {
        List<String> out = warnings(quiet().forwarding(new ForwardingPolicy(true, "", "", "", "")), LOOPBACK, null);
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("[proxy] accept_x_forwarded_protocol is on"), out.get(0));
    }

    @Test
    void zeroMqInputsBeyondThisHostOrBesideCredentialsAreWarnedAbout() {
        ZmqSettings open = new ZmqSettings("tcp://*:5560", List.of(), false, "tcp://127.0.0.1:5563");
        List<String> out = warnings(quiet().zmq(open), LOOPBACK, null);
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("ZeroMQ inputs bound beyond this host (tcp://*:5560)"), out.get(0));
        List<String> besideCredentials = warnings(quiet().zmq(ZmqSettings.loopback()).publish(KEYED), LOOPBACK, null);
        assertEquals(1, besideCredentials.size());
        assertTrue(besideCredentials.get(0).startsWith("publish credentials do not cover the ZeroMQ inputs"));
        assertEquals(List.of(), warnings(quiet().zmq(ZmqSettings.loopback()), LOOPBACK, null));
    }

    @Test
    void theWarningsAreLoggedAtStartUp() throws Exception {
        try (LogCapture log = new LogCapture(TackServer.class.getName());
                TackFixture tack = TackFixture.start(List.of("* test"))) {
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("sig_key is the shipped value")),
                    log.warnings().toString());
        }
    }
}
