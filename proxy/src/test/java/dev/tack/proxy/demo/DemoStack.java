package dev.tack.proxy.demo;

import dev.tack.demo.DemoConfig;
import dev.tack.demo.DemoServer;
import dev.tack.proxy.config.Cli;
import dev.tack.proxy.config.ConfigException;
import dev.tack.proxy.config.ConfigLoader;
import dev.tack.proxy.history.HistorySettings;
import dev.tack.proxy.testing.TackFixture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Tack and the demo origins wired to each other on loopback ephemeral ports: the origin binds first, Tack routes
 * every path to it with {@code over_http} (so WebSockets become WebSocket-over-HTTP, as under Fastly), and then
 * the origin starts publishing to Tack's publish port and verifying Tack's Grip-Sig ({@code changeme}). Tack keeps
 * the channel history {@code config/tack.conf} sets up for the demo ({@code ./run} shows the same).
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
            HistorySettings history = shippedHistory();
            tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"), s -> s.history(history));
        } catch (Exception e) {
            origin.close();
            throw e;
        }
        origin.serve(DemoConfig.defaults()
                .withGripUrl("http://127.0.0.1:" + tack.publishPort() + "/")
                .withVerifyKey(originVerifyKey), Clock.systemUTC());
        return new DemoStack(origin, tack);
    }

    /** The {@code history_*} keys of the shipped {@code config/tack.conf}. */
    static HistorySettings shippedHistory() throws ConfigException {
        Path shipped = Path.of("..", "config", "tack.conf").toAbsolutePath().normalize();
        return ConfigLoader.load(Cli.parse("--config=" + shipped)).tack().history();
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
