package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.proxy.testing.Needs;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code pushpin-publish <channel> --close} publishes a {@code ws-message} close without a code; a WebSocket client
 * at Tack sees close code 1000, as at Pushpin, not 1005 (docs/compatibility.md, "Published formats").
 */
class PushpinPublishCloseTest {
    private static final Path CLI = Path.of("/usr/bin/pushpin-publish");

    private OriginServer server;
    private TackFixture tack;
    private final WsClients clients = new WsClients();

    @BeforeEach
    void start() throws Exception {
        server = new OriginServer();
        tack = TackFixture.start(List.of("* 127.0.0.1:" + server.port() + ",over_http"));
        new WohOrigin(server, "/ws", request -> request.isOpening()
                ? new WsOverHttpResponse().accept().subscribe("bye") : new WsOverHttpResponse());
    }

    @AfterEach
    void stop() {
        tack.close();
        server.close();
    }

    @Test
    void closeWithoutCodeReachesTheClientAs1000() throws Exception {
        WsClients.Client client = clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/ws"));
        await().until(() -> tack.subscriptions() == 1);
        var response = tack.publish("{\"items\":[{\"channel\":\"bye\",\"formats\":{\"ws-message\":"
                + "{\"action\":\"close\"}}}]}");
        assertEquals(200, response.statusCode(), response.body());
        client.closed.get(10, TimeUnit.SECONDS);
        assertEquals(1000, client.closeCode);
    }

    @Test
    void pushpinPublishCloseGives1000() throws Exception {
        Needs.external(Files.isExecutable(CLI),
                CLI + " is not installed (Debian/Ubuntu package pushpin); skipping the pushpin-publish --close check");
        WsClients.Client client = clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/ws"));
        await().until(() -> tack.subscriptions() == 1);
        Process process = new ProcessBuilder(CLI.toString(), "--spec", "http://127.0.0.1:" + tack.publishPort(),
                "bye", "--close").redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "pushpin-publish did not exit");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        client.closed.get(10, TimeUnit.SECONDS);
        assertEquals(1000, client.closeCode);
    }
}
