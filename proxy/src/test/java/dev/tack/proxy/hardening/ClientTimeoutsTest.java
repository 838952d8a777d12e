package dev.tack.proxy.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.RawConnection;
import dev.tack.proxy.testing.TackFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every reading phase of a client connection has a timer (docs/reliability.md "Timeouts"), on driven time: the
 * request head (slowloris), the request body, an idle keep-alive connection; a held stream has none.
 */
class ClientTimeoutsTest {

    private final DrivenTime time = new DrivenTime();
    private OriginServer origin;
    private TackFixture tack;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        origin.on("/stream", r -> Reply.of(200, "start\n", "Grip-Hold", "stream", "Grip-Channel", "s"));
        origin.on("/echo", r -> Reply.of(200, r.bodyText()));
        origin.on("/ok", r -> Reply.of(200, "ok"));
        tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()), s -> s, time);
    }

    @AfterEach
    void stop() {
        tack.close();
        origin.close();
    }

    @Test
    void aRequestHeadSentByteByByteIsCutWith408() throws Exception {
        try (RawConnection slow = RawConnection.connect(tack.clientPort())) {
            slow.send("GET /echo HTTP/1.1\r\nHost: x\r\nX-Slow: 1");
            await().until(() -> time.hasTimerIn(Duration.ofSeconds(30)));
            time.advance(Duration.ofSeconds(20));
            slow.send("2");
            time.advance(Duration.ofSeconds(11));
            String answer = slow.readToEnd();
            assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer);
            assertTrue(answer.endsWith("Request Timeout: the request head was too slow.\n"), answer);
        }
        await().until(() -> tack.metric("tack_connection_failures_total{reason=\"timeout\",transport=\"http\"}") == 1);
    }

    @Test
    void aRequestBodyThatStopsEndsTheConnection() throws Exception {
        try (RawConnection slow = RawConnection.connect(tack.clientPort())) {
            slow.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b");
            await().until(() -> time.hasTimerIn(Duration.ofSeconds(30)));
            time.advance(Duration.ofSeconds(29));
            assertFalse(slow.closedWithin(200), "still within client_body_timeout");
            time.advance(Duration.ofSeconds(2));
            assertTrue(slow.closedWithin(5000));
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws Exception {
        try (RawConnection idle = RawConnection.connect(tack.clientPort())) {
            idle.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(idle.readUntil("\r\n\r\nok").startsWith("HTTP/1.1 200 OK"));
            await().until(() -> time.hasTimerIn(Duration.ofSeconds(55)));
            time.advance(Duration.ofSeconds(54));
            assertFalse(idle.closedWithin(200));
            time.advance(Duration.ofSeconds(2));
            assertTrue(idle.closedWithin(5000));
        }
        assertEquals(0, tack.metric("tack_connection_failures_total{reason=\"timeout\",transport=\"http\"}"),
                "an idle keep-alive connection closed by its timer is no failure");
    }

    @Test
    void aHeldStreamHasNoReadTimer() throws Exception {
        try (RawConnection held = RawConnection.connect(tack.clientPort())) {
            held.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            await().until(() -> tack.subscriptions() == 1);
            time.advance(Duration.ofMinutes(10));
            assertFalse(held.closedWithin(200));
            tack.publishStream("s", "still here\n");
            tack.publish("{\"items\":[{\"channel\":\"s\",\"formats\":{\"http-stream\":{\"action\":\"close\"}}}]}");
            assertTrue(held.readUntil("0\r\n\r\n").contains("still here\n"));
        }
    }
}
