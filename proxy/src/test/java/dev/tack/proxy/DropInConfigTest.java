package dev.tack.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.config.Cli;
import dev.tack.proxy.config.ConfigLoader;
import dev.tack.proxy.config.TackConfig;
import dev.tack.proxy.server.TackServer;
import dev.tack.proxy.testing.OriginServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A Pushpin user's files start Tack unchanged: Debian's {@code /etc/pushpin/pushpin.conf} with its {@code * test}
 * routes, and the config the Fastly CLI generates. {@code --id} (a Pushpin runner flag) moves the ports so the
 * test never collides with a Pushpin or Tack already running on the defaults.
 */
class DropInConfigTest {

    private static final Path DEBIAN_CONF = Path.of(System.getenv().getOrDefault("TACK_PUSHPIN_CONF",
            "/etc/pushpin/pushpin.conf"));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void debianPushpinConfServesTheTestRoute() throws Exception {
        dev.tack.proxy.testing.Needs.external(Files.isRegularFile(DEBIAN_CONF),
                "no " + DEBIAN_CONF + ": install Debian's pushpin package (apt-get install pushpin) to run this test");
        TackConfig config = ConfigLoader.load(Cli.parse("--config=" + DEBIAN_CONF, "--id", "7"));
        assertEquals(7999 + 70, config.clientListeners().get(0).port());
        try (TackServer tack = TackServer.start(TackMain.settings(config), Clock.systemUTC())) {
            int port = tack.clientAddresses().get(0).getPort();
            HttpResponse<String> hello = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("Hello from the Pushpin test handler!\n", hello.body());
            int publishPort = tack.publishAddress().getPort();
            assertEquals(5561 + 70, publishPort);
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + publishPort + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("Pushpin API\n", api.body());
        }
    }

    @Test
    void fastlyCliConfigRoutesByPushpinRouteHeader() throws Exception {
        Path conf = Path.of(getClass().getResource("config/fastly-cli-generated.conf").toURI());
        try (OriginServer origin = new OriginServer()) {
            // The CLI's routes line, pointed at this test's origin.
            TackConfig config = ConfigLoader.load(Cli.parse("--config=" + conf, "--id", "8",
                    "--route", "id=origin_0 127.0.0.1:" + origin.port() + ",over_http"));
            try (TackServer tack = TackServer.start(TackMain.settings(config), Clock.systemUTC())) {
            origin.on("/", r -> OriginServer.Reply.of(200, "from the backend"));
            int port = tack.clientAddresses().get(0).getPort();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("Pushpin-Route", "origin_0").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("from the backend", response.body());
            }
        }
    }
}
