package dev.tack.proxy.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.RawConnection;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graceful drain of the real command (docs/reliability.md "Graceful drain"): {@code SIGTERM} ends every held
 * connection cleanly within {@code drain_window} and the process exits with 0; a second signal exits at once.
 */
class GracefulShutdownIT {

    @TempDir
    Path dir;

    @Test
    void sigtermEndsHeldConnectionsCleanlyThenExits() throws Exception {
        try (ProcessFixture tack = ProcessFixture.start(dir, List.of(), List.of(), "drain_window=2");
                RawConnection stream = RawConnection.connect(tack.clientPort)) {
            WsClients.Client ws = new WsClients().connect(URI.create("ws://127.0.0.1:" + tack.clientPort + "/?channel=d"));
            stream.send("GET /stream?channel=d HTTP/1.1\r\nHost: x\r\n\r\n");
            stream.readUntil("[stream opened]\n");
            HttpResponse<String> published = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + tack.publishPort + "/publish/")).POST(HttpRequest.BodyPublishers
                    .ofString("{\"items\":[{\"channel\":\"d\",\"formats\":{\"ws-message\":{\"content\":\"hi\"},"
                            + "\"http-stream\":{\"content\":\"hi\\n\"}}}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, published.statusCode());
            await().until(() -> ws.texts.contains("hi"));
            stream.readUntil("hi\n");

            tack.process.destroy();
            assertTrue(tack.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, tack.process.exitValue(), String.join("\n", tack.out()));
            await().atMost(Duration.ofSeconds(5)).until(() -> ws.closed.isDone());
            assertEquals(1001, ws.closeCode, "going away");
            assertTrue(stream.readToEnd().endsWith("0\r\n\r\n"), "the stream ended with its terminating chunk");
            assertTrue(tack.logged("SIGTERM: stopping; draining 2 client connections over 2000 ms"),
                    String.join("\n", tack.out()));
            assertTrue(tack.logged(" [tack] stopped"), String.join("\n", tack.out()));
        }
    }

    @Test
    void aSecondSignalStopsAtOnce() throws Exception {
        try (ProcessFixture tack = ProcessFixture.start(dir, List.of(), List.of(), "drain_window=600")) {
            // Two held connections: the first goes at once, the second's turn would come 300 s later.
            WsClients clients = new WsClients();
            clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort + "/?channel=d"));
            clients.connect(URI.create("ws://127.0.0.1:" + tack.clientPort + "/?channel=d"));
            tack.process.destroy();
            await().until(() -> tack.logged("SIGTERM: stopping; draining"));
            tack.process.destroy();
            assertTrue(tack.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(128 + 15, tack.process.exitValue(), String.join("\n", tack.out()));
            assertTrue(tack.logged("SIGTERM again: stopping at once"), String.join("\n", tack.out()));
        }
    }
}
