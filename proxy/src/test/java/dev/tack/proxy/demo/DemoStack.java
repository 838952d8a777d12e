package dev.tack.proxy.demo;

import dev.tack.demo.DemoConfig;
import dev.tack.demo.DemoServer;
import dev.tack.proxy.testing.TackFixture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * Tack and the demo origins wired to each other on loopback ephemeral ports: the origin binds first, Tack routes
 * every path to it with {@code over_http} (so WebSockets become WebSocket-over-HTTP, as under Fastly), and then
 * the origin starts publishing to Tack's publish port and verifying Tack's Grip-Sig ({@code changeme}).
 */
final class DemoStack implements AutoCloseable {
    final DemoServer origin;
    final TackFixture tack;

    private DemoStack(DemoServer origin, TackFixture tack) {
        this.origin = origin;
        this.tack = tack;
    }

    /** Tack signing with its default key, the origin verifying it. */
    static DemoStack start() throws Exception {
        return start(TackFixture.SIG_KEY);
    }

    /** Tack signing with its default key ({@code changeme}), the origin verifying with {@code originVerifyKey}. */
    static DemoStack start(String originVerifyKey) throws Exception {
        DemoServer origin = DemoServer.bind(new InetSocketAddress("127.0.0.1", 0));
        TackFixture tack;
        try {
            tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"));
        } catch (Exception e) {
            origin.close();
            throw e;
        }
        origin.serve(DemoConfig.defaults()
                .withGripUrl("http://127.0.0.1:" + tack.publishPort() + "/")
                .withVerifyKey(originVerifyKey), Clock.systemUTC());
        return new DemoStack(origin, tack);
    }

    /** An address at Tack's client port. */
    URI http(String pathAndQuery) {
        return tack.clientUri(pathAndQuery);
    }

    /** A WebSocket address at Tack's client port. */
    URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + tack.clientPort() + pathAndQuery);
    }

    @Override
    public void close() {
        tack.close();
        origin.close();
    }
}
