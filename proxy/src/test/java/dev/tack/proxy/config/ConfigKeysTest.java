package dev.tack.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.log.LogFormat;
import dev.tack.proxy.testing.LogCapture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per key check: a bad value names section, key, value and what was expected. */
class ConfigKeysTest {
    @TempDir
    Path dir;

    private String error(String conf, String... args) {
        return assertThrows(ConfigException.class, () -> ConfigFiles.load(dir, conf, args)).getMessage();
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource({
        "runner, allow_compression", "proxy, debug", "proxy, auto_cross_origin", "proxy, accept_x_forwarded_protocol",
        "proxy, accept_pushpin_route", "proxy, log_from", "proxy, log_user_agent", "handler, push_in_sub_connect",
        "handler, update_on_first_subscription"})
    void booleanKeyRejectsOtherWords(String section, String key) {
        assertEquals("[" + section + "] " + key + ": maybe (expected: true or false)",
                error("[" + section + "]\n" + key + "=maybe"));
    }

    @ParameterizedTest(name = "[{0}] {1}={2}")
    @CsvSource({
        "global, port_offset, -1, an integer 0-65535",
        "runner, client_buffer_size, 0, an integer >= 1",
        "runner, client_maxconn, 0, an integer >= 1",
        "handler, push_in_http_port, 70000, an integer 0-65535",
        "handler, push_in_http_max_body_size, 0, an integer >= 1",
        "handler, push_in_http_max_headers_size, 0, an integer >= 1",
        "handler, message_wait, -1, an integer >= 0",
        "handler, id_cache_ttl, -1, an integer >= 0",
        "handler, connection_subscription_max, 0, an integer >= 1",
        "handler, subscription_linger, -1, an integer >= 0",
        "handler, message_rate, -2, an integer >= -1",
        "handler, message_hwm, -2, an integer >= -1",
        "tack, outbox_max_messages, 0, an integer >= 1",
        "tack, ws_max_message_size, 0, an integer >= 1",
        "tack, max_request_body_buffer, -1, an integer >= 0",
        "handler, message_wait, soon, an integer >= 0"})
    void integerKeyRejectsValuesOutOfRange(String section, String key, String value, String expected) {
        assertEquals("[" + section + "] " + key + ": " + value + " (expected: " + expected + ")",
                error("[" + section + "]\n" + key + "=" + value));
    }

    @Test
    void portOffsetThatPushesAPortPast65535IsRejected() {
        assertEquals("[runner] http_port: 65530 (expected: a port <= 65535 after adding port_offset)",
                error("[global]\nport_offset=10\n[runner]\nhttp_port=65530"));
    }

    @Test
    void httpPortRejectsSomethingThatIsNotAPort() {
        assertEquals("[runner] http_port: abc (expected: [addr:]port, e.g. 7999, 127.0.0.1:7999 or [::1]:7999)",
                error("[runner]\nhttp_port=7999,abc"));
    }

    @Test
    void httpPortRejectsAnEmptyList() {
        assertEquals("[runner] http_port: (empty) (expected: at least one [addr:]port)", error("[runner]\nhttp_port="));
    }

    @Test
    void httpPortTakesAList() throws ConfigException {
        assertEquals(List.of(new ListenAddress("0.0.0.0", 7999), new ListenAddress("127.0.0.1", 8000),
                        new ListenAddress("::1", 8001)),
                ConfigFiles.load(dir, "[runner]\nhttp_port=7999, 127.0.0.1:8000,[::1]:8001").clientListeners());
    }

    @Test
    void logLevelRejectsWords() {
        assertEquals("[runner] log_level: loud (expected: a level >= 0, or a list like default:2,proxy:3)",
                error("[runner]\nlog_level=loud"));
    }

    @Test
    void logLevelListUsesItsHighestLevel() throws ConfigException {
        assertEquals(3, ConfigFiles.load(dir, "[runner]\nlog_level=default:2,proxy:3").logLevel());
    }

    @Test
    void setXForwardedProtocolTakesProtoOnlyTrueFalseOrEmpty() throws ConfigException {
        assertEquals("proto-only", ConfigFiles.load(dir, "[proxy]\nset_x_forwarded_protocol=proto-only")
                .proxy().setXForwardedProtocol());
        assertEquals("", ConfigFiles.load(dir, "[proxy]\nset_x_forwarded_protocol=false").proxy()
                .setXForwardedProtocol());
        assertEquals("[proxy] set_x_forwarded_protocol: yes (expected: proto-only, true, false or empty)",
                error("[proxy]\nset_x_forwarded_protocol=yes"));
    }

    @Test
    void xForwardedForTakesTruncateAndAppendItems() throws ConfigException {
        assertEquals("truncate:0,append",
                ConfigFiles.load(dir, "[proxy]\nx_forwarded_for=truncate:0, append").proxy().xForwardedFor());
        assertEquals("[proxy] x_forwarded_for_trusted: truncate:x (expected: a list of truncate:N and append, "
                + "e.g. truncate:0,append)", error("[proxy]\nx_forwarded_for_trusted=truncate:x"));
    }

    @Test
    void emptySigIssFallsBackToPushpin() throws ConfigException {
        assertEquals("pushpin", ConfigFiles.load(dir, "[proxy]\nsig_iss=").proxy().sigIss());
    }

    @Test
    void sigKeyIsKeptAsWritten() throws ConfigException {
        final ProxySettings p = ConfigFiles.load(dir, "[proxy]\nsig_key=base64:c2VjcmV0").proxy();
        assertEquals("base64:c2VjcmV0", p.sigKey());
        assertTrue(p.signsRequests());
    }

    @Test
    void pushInHttpAddrRejectsGarbage() {
        assertEquals("[handler] push_in_http_addr: a b (expected: an IP address or host name)",
                error("[handler]\npush_in_http_addr=a b"));
    }

    @Test
    void pushInHttpAddrTakesBracketedIpv6() throws ConfigException {
        assertEquals("::1", ConfigFiles.load(dir, "[handler]\npush_in_http_addr=[::1]").publishListener().host());
    }

    @Test
    void zmqSpecsMustBeTcpOrIpc() {
        final String expected = " (expected: tcp://host:port, ipc://path, or empty to turn it off)";
        assertEquals("[handler] push_in_spec: udp://x:1" + expected, error("[handler]\npush_in_spec=udp://x:1"));
        assertEquals("[handler] command_spec: tcp://host" + expected, error("[handler]\ncommand_spec=tcp://host"));
        assertEquals("[handler] push_in_sub_specs: tcp://h:99999" + expected,
                error("[handler]\npush_in_sub_specs=tcp://h:99999"));
    }

    @Test
    void emptyZmqSpecTurnsTheSocketOff() throws ConfigException {
        final HandlerSettings h = ConfigFiles.load(dir, "[handler]\npush_in_spec=\npush_in_sub_specs=\ncommand_spec=")
                .handler();
        assertEquals("", h.pushInSpec());
        assertEquals(List.of(), h.pushInSubSpecs());
        assertEquals("", h.commandSpec());
    }

    @Test
    void legacyPushInSubSpecIsAddedToTheList() throws ConfigException {
        assertEquals(List.of("tcp://127.0.0.1:1", "tcp://127.0.0.1:2"), ConfigFiles.load(dir,
                "[handler]\npush_in_sub_specs=tcp://127.0.0.1:1\npush_in_sub_spec=tcp://127.0.0.1:2").handler()
                .pushInSubSpecs());
    }

    @Test
    void messageRateMinusOneMeansUnlimited() throws ConfigException {
        assertEquals(0, ConfigFiles.load(dir, "[handler]\nmessage_rate=-1").handler().messageRate());
    }

    @Test
    void prometheusPortTakesAddressAndPort() throws ConfigException {
        assertEquals(new ListenAddress("127.0.0.1", 9090),
                ConfigFiles.load(dir, "[handler]\nprometheus_port=127.0.0.1:9090").handler().prometheusListener());
    }

    @Test
    void prometheusPortFallsBackToTheProxySection() throws ConfigException {
        final HandlerSettings h = ConfigFiles.load(dir, "[proxy]\nprometheus_port=9090\nprometheus_prefix=p_")
                .handler();
        assertEquals(new ListenAddress("127.0.0.1", 9090), h.prometheusListener());
        assertEquals("p_", h.prometheusPrefix());
    }

    @Test
    void prometheusPortWithoutAddressListensOnLoopbackOnly() throws ConfigException {
        assertEquals(new ListenAddress("127.0.0.1", 9090),
                ConfigFiles.load(dir, "[handler]\nprometheus_port=9090").handler().prometheusListener());
        assertEquals(new ListenAddress("0.0.0.0", 9090),
                ConfigFiles.load(dir, "[handler]\nprometheus_port=0.0.0.0:9090").handler().prometheusListener());
    }

    @Test
    void logFormatComesFromTheConfigAndTheCommandLineWins() throws ConfigException {
        assertEquals(LogFormat.PUSHPIN, ConfigFiles.load(dir, "").operations().logFormat());
        assertEquals(LogFormat.JSON, ConfigFiles.load(dir, "[tack]\nlog_format=json").operations().logFormat());
        assertEquals(LogFormat.PUSHPIN,
                ConfigFiles.load(dir, "[tack]\nlog_format=json", "--log-format=pushpin").operations().logFormat());
    }

    @Test
    void logFormatRejectsOtherValues() {
        assertEquals("[tack] log_format: xml (expected: pushpin or json)", error("[tack]\nlog_format=xml"));
    }

    @Test
    void adminBearerTokenIsReadAndNeverShown() throws ConfigException {
        OperationsSettings ops = ConfigFiles.load(dir, "[tack]\nadmin_bearer_token=s3cret").operations();
        assertEquals("s3cret", ops.adminBearerToken());
        assertFalse(ops.toString().contains("s3cret"));
        assertTrue(error("[tack]\nadmin_bearer_token=two words").startsWith("[tack] admin_bearer_token: (hidden)"));
    }

    @Test
    void prometheusPortRejectsGarbage() {
        assertTrue(error("[handler]\nprometheus_port=metrics")
                .startsWith("[handler] prometheus_port: metrics (expected:"));
    }

    @Test
    void prometheusUnixSocketIsWarnedAndSkipped() throws ConfigException {
        try (LogCapture log = new LogCapture("dev.tack.proxy.config")) {
            assertNull(ConfigFiles.load(dir, "[handler]\nprometheus_port=ipc://run/prom").handler()
                    .prometheusListener());
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("prometheus_port: ipc://run/prom")));
        }
    }

    @Test
    void fastlyServiceIdMustLookLikeAnId() {
        assertEquals("[tack] fastly_service_id: a/b (expected: a Fastly service id: letters, digits, _ and -)",
                error("[tack]\nfastly_service_id=a/b"));
    }

    @Test
    void publishBasicAuthNeedsUserAndPassword() {
        assertEquals("[tack] publish_basic_auth: admin (expected: user:password)",
                error("[tack]\npublish_basic_auth=admin"));
    }

    @Test
    void publishJwtIssNeedsAKey() {
        assertEquals("[tack] publish_jwt_iss: me (expected: publish_jwt_key to be set as well)",
                error("[tack]\npublish_jwt_iss=me"));
    }

    @Test
    void anyPublishCredentialMakesPublishingRequireOne() throws ConfigException {
        for (final String key : List.of("fastly_api_key=k", "publish_bearer_token=t", "publish_jwt_key=s",
                "publish_basic_auth=u:p")) {
            assertTrue(ConfigFiles.load(dir, "[tack]\n" + key).tack().publishAuthRequired(), key);
        }
    }
}
