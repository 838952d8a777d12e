package dev.tack.proxy.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.server.ClientLimits;
import dev.tack.proxy.testing.RawConnection;
import dev.tack.proxy.testing.TackFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code client_maxconn} is enforced: the connection over the cap gets a 503 at once and is counted. */
class ConnectionLimitTest {

    @Test
    void connectionsOverClientMaxconnAreAnswered503AndCounted() throws Exception {
        try (TackFixture tack = TackFixture.start(List.of("* test"),
                s -> s.limits(ClientLimits.DEFAULTS.withMaxConnections(2)));
                RawConnection first = RawConnection.connect(tack.clientPort());
                RawConnection second = RawConnection.connect(tack.clientPort())) {
            await().until(() -> tack.server().openClientConnections() == 2);
            try (RawConnection third = RawConnection.connect(tack.clientPort())) {
                String answer = third.readToEnd();
                assertTrue(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), answer);
                assertTrue(answer.endsWith("Service Unavailable: too many connections (client_maxconn 2). Retry.\n"),
                        answer);
            }
            assertEquals(1, tack.metric("tack_connection_failures_total{reason=\"over_limit\",transport=\"http\"}"));
            // The two admitted connections still work.
            first.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(first.readToEnd().startsWith("HTTP/1.1 200 OK"));
            await().until(() -> tack.server().openClientConnections() == 1);
            try (RawConnection fourth = RawConnection.connect(tack.clientPort())) {
                fourth.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertTrue(fourth.readToEnd().startsWith("HTTP/1.1 200 OK"), "room again after one left");
            }
        }
    }
}
