package dev.tack.proxy.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.Json;
import dev.tack.proxy.testing.RawWebSocket;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WsClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that stops reading is bounded in bytes and, past {@code write_timeout}, disconnected and counted,
 * while a healthy subscriber of the same channel receives everything (docs/reliability.md "Slow consumers").
 */
class SlowConsumerTest {

    private static final int MESSAGES = 300;
    private static final String TEN_KB = "x".repeat(10_000);

    @Test
    void aWebSocketThatStopsReadingIsClosedWith1008AndTheOthersGetEverything() throws Exception {
        DrivenTime time = new DrivenTime();
        try (TackFixture tack = TackFixture.start(List.of("* test"), s -> s, time);
                RawWebSocket stalled = RawWebSocket.connect(tack.clientPort(), "/?channel=big", null, 0, 4096)) {
            WsClients.Client healthy = new WsClients().connect(
                    URI.create("ws://127.0.0.1:" + tack.clientPort() + "/?channel=big"));
            await().until(() -> tack.subscriptions() == 2);
            for (int i = 0; i < MESSAGES; i++) {
                tack.publish("{\"items\":[{\"channel\":\"big\",\"formats\":{\"ws-message\":{\"content\":"
                        + Json.quote(i + ":" + TEN_KB) + "}}}]}");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> healthy.texts.size() == MESSAGES);
            time.advance(Duration.ofSeconds(31));
            await().until(() -> tack.metric("tack_connection_failures_total{reason=\"too_slow\",transport=\"ws\"}") == 1);
            assertTrue(tack.metric("tack_drops_total{reason=\"outbox_full\"}") > 0, "the outbox stopped at its bounds");
            time.advance(Duration.ofSeconds(6));
            await().until(() -> tack.subscriptions() == 1);
            int closeCode = readToClose(stalled);
            assertTrue(closeCode == 1008 || closeCode == -1, "close 1008, or the connection cut: " + closeCode);
            for (int i = 0; i < MESSAGES; i++) {
                assertTrue(healthy.texts.get(i).startsWith(i + ":"), "healthy subscriber got message " + i);
            }
        }
    }

    @Test
    void aStreamThatStopsReadingIsEndedAndCounted() throws Exception {
        DrivenTime time = new DrivenTime();
        try (TackFixture tack = TackFixture.start(List.of("* test"), s -> s, time);
                Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), tack.clientPort()));
            stalled.getOutputStream().write("GET /stream?channel=big HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            await().until(() -> tack.subscriptions() == 1);
            for (int i = 0; i < MESSAGES; i++) {
                tack.publishStream("big", i + ":" + TEN_KB + "\n");
            }
            time.advance(Duration.ofSeconds(31));
            await().until(() -> tack.metric(
                    "tack_connection_failures_total{reason=\"too_slow\",transport=\"stream\"}") == 1);
            time.advance(Duration.ofSeconds(6));
            await().until(() -> tack.subscriptions() == 0);
            stalled.setSoTimeout(10_000);
            byte[] buffer = new byte[65536];
            long read = 0;
            for (int n = stalled.getInputStream().read(buffer); n >= 0; n = stalled.getInputStream().read(buffer)) {
                read += n;
            }
            assertTrue(read < (long) MESSAGES * TEN_KB.length(), "the stream ended before everything: " + read);
            assertEquals(0, tack.server().openClientConnections());
        }
    }

    /** Reads the stalled client's backlog until the close frame or the end; returns the close code or -1. */
    private static int readToClose(RawWebSocket ws) {
        try {
            return ws.readUntilClose().closeCode();
        } catch (IOException ended) {
            return -1;
        }
    }
}
