package dev.tack.proxy.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.RawWebSocket;
import dev.tack.proxy.testing.TackFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A silent client WebSocket is pinged after {@code ws_ping_interval}; one that answers stays, one that does not is
 * closed after {@code ws_pong_timeout} and counted (docs/reliability.md "Timeouts").
 */
class WebSocketPingTest {

    private final DrivenTime time = new DrivenTime();

    /** Waits until the connection is subscribed and its ping timer set, moves time past it, and reads the ping. */
    private RawWebSocket.Frame silentFor56Seconds(TackFixture tack, RawWebSocket ws) throws IOException {
        await().until(() -> tack.subscriptions() == 1 && time.hasTimerIn(Duration.ofSeconds(55)));
        time.advance(Duration.ofSeconds(56));
        return ws.read();
    }

    @Test
    void aSilentPeerIsPingedAndClosedWhenNothingComesBack() throws Exception {
        try (TackFixture tack = TackFixture.start(List.of("* test"), s -> s, time);
                RawWebSocket ws = RawWebSocket.connect(tack.clientPort(), "/?channel=p", null)) {
            RawWebSocket.Frame ping = silentFor56Seconds(tack, ws);
            assertEquals(0x9, ping.opcode());
            assertEquals("tack", ping.text());
            time.advance(Duration.ofSeconds(31));
            await().until(() -> tack.subscriptions() == 0);
            assertThrows(IOException.class, ws::read, "closed: the peer never answered");
            assertEquals(1, tack.metric("tack_connection_failures_total{reason=\"timeout\",transport=\"ws\"}"));
        }
    }

    @Test
    void aPeerThatAnswersThePingStays() throws Exception {
        try (TackFixture tack = TackFixture.start(List.of("* test"), s -> s, time);
                RawWebSocket ws = RawWebSocket.connect(tack.clientPort(), "/?channel=p", null)) {
            RawWebSocket.Frame ping = silentFor56Seconds(tack, ws);
            ws.write(RawWebSocket.frame(0xA, false, ping.payload()));
            // The test target echoes text: once the echo is back, the pong before it has been read too.
            ws.write(RawWebSocket.frame(0x1, false, "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals("hello", ws.read().text());
            time.advance(Duration.ofSeconds(40));
            tack.publish("{\"items\":[{\"channel\":\"p\",\"formats\":{\"ws-message\":{\"content\":\"still here\"}}}]}");
            assertEquals("still here", ws.read().text());
            assertEquals(0, tack.metric("tack_connection_failures_total{reason=\"timeout\",transport=\"ws\"}"));
        }
    }
}
