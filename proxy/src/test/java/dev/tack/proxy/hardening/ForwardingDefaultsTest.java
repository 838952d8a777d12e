package dev.tack.proxy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.TackFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forwarding headers from clients reach the origin only when the config says so (docs/reliability.md). */
class ForwardingDefaultsTest {

    private static OriginServer.Received request(ForwardingPolicy policy) throws Exception {
        try (OriginServer origin = new OriginServer()) {
            origin.on("/f", r -> Reply.of(200, "ok"));
            try (TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()),
                    s -> s.forwarding(policy))) {
                tack.http().send(HttpRequest.newBuilder(tack.clientUri("/f")).header("X-Forwarded-For", "6.6.6.6")
                        .header("X-Forwarded-Proto", "https").header("X-Forwarded-Protocol", "https").build(),
                        HttpResponse.BodyHandlers.ofString());
                return origin.received().get(0);
            }
        }
    }

    @Test
    void byDefaultAClientsForwardingHeadersDoNotReachTheOrigin() throws Exception {
        OriginServer.Received received = request(ForwardingPolicy.none());
        assertNull(received.header("X-Forwarded-For"));
        assertNull(received.header("X-Forwarded-Proto"));
        assertNull(received.header("X-Forwarded-Protocol"));
    }

    @Test
    void appendKeepsTheClientsListAndAddsItsAddress() throws Exception {
        OriginServer.Received received = request(new ForwardingPolicy(false, "", "append", "", ""));
        assertEquals("6.6.6.6, 127.0.0.1", received.header("X-Forwarded-For"));
        assertNull(received.header("X-Forwarded-Proto"), "the client is not trusted about TLS");
    }
}
