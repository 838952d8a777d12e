package dev.tack.proxy.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.server.ClientLimits;
import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.RawConnection;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WsClients;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The graceful drain in process, on driven time (docs/reliability.md "Graceful drain"): no new connections, each held
 * one ended cleanly at its own moment within the window, the closes spread over it.
 */
class DrainTest {

    @Test
    void heldConnectionsEndCleanlySpreadOverTheDrainWindow() throws Exception {
        DrivenTime time = new DrivenTime();
        try (TackFixture tack = TackFixture.start(List.of("* test"),
                s -> s.limits(ClientLimits.DEFAULTS.withDrain(8_000)), time);
                RawConnection stream = RawConnection.connect(tack.clientPort());
                RawConnection idle = RawConnection.connect(tack.clientPort())) {
            WsClients.Client ws = new WsClients().connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/"));
            stream.send("GET /stream?channel=s HTTP/1.1\r\nHost: x\r\n\r\n");
            CompletableFuture<HttpResponse<String>> poll = tack.http().sendAsync(HttpRequest.newBuilder(
                    tack.clientUri("/response?channel=p")).build(), HttpResponse.BodyHandlers.ofString());
            await().until(() -> tack.subscriptions() == 3 && tack.server().openClientConnections() == 4);

            CompletableFuture<Void> drained = tack.server().drain();
            assertThrows(ConnectException.class, () -> RawConnection.connect(tack.clientPort()), "no new connections");
            // The idle connection goes at once; the three held ones at 0, 2, 4 or 6 s (four slots over 8 s).
            assertTrue(idle.closedWithin(5000), "an idle keep-alive connection closes at once");
            time.advance(Duration.ZERO);
            await().until(() -> tack.server().openClientConnections() <= 3);
            assertTrue(tack.server().openClientConnections() >= 2, "the held connections are not all closed at once");
            time.advance(Duration.ofMillis(2_100));
            assertTrue(tack.server().openClientConnections() >= 1, "nor within the first slots");
            time.advance(Duration.ofMillis(4_000));
            await().until(drained::isDone);
            assertEquals(0, tack.server().openClientConnections());

            await().until(() -> ws.closed.isDone());
            assertEquals(1001, ws.closeCode, "WebSocket clients are told: going away");
            String streamed = stream.readToEnd();
            assertTrue(streamed.contains("[stream opened]\n"), streamed);
            assertTrue(streamed.endsWith("0\r\n\r\n"), "the stream ends with its terminating chunk: " + streamed);
            HttpResponse<String> polled = poll.get();
            assertEquals(200, polled.statusCode());
            assertEquals("nothing for now\n", polled.body(), "a long-poll is answered as its timeout answers it");
        }
    }
}
