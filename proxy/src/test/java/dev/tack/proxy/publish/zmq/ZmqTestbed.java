package dev.tack.proxy.publish.zmq;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.testing.LogCapture;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A running Tack with an origin that holds streams, ZeroMQ inputs on ephemeral loopback ports fed into the
 * server's publish service, a ZeroMQ context for client sockets, and a capture of what the inputs log.
 */
final class ZmqTestbed implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(20);
    // JeroMQ 0.6.0 sometimes leaves a fresh outgoing connection without a handshake (zeromq/jeromq#1022); with
    // this deadline a client socket drops such a connection and reconnects instead of waiting 30 s.
    static final int CLIENT_HANDSHAKE_MILLIS = 1000;

    private final OriginServer origin;
    private final TackFixture tack;
    private final StreamClients clients = new StreamClients();
    private final ZmqInputs inputs;
    private final ZContext zmq = new ZContext(1);
    private final LogCapture capture = new LogCapture(ZmqInputs.class.getPackageName());

    ZmqTestbed() throws Exception {
        this(ZmqSettings.loopback());
    }

    ZmqTestbed(ZmqSettings settings) throws Exception {
        this(settings, EngineSettings.local().lingerMillis());
    }

    /** @param lingerMillis how long a channel stays subscribed after its last listener left (0: not at all) */
    ZmqTestbed(ZmqSettings settings, long lingerMillis) throws Exception {
        origin = new OriginServer();
        EngineSettings local = EngineSettings.local();
        EngineSettings engine = new EngineSettings(local.kind(), local.urls(), local.nodeName(), local.downPolicy(),
                local.prefix(), local.redisSharded(), lingerMillis);
        tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()), s -> s.engine(engine));
        inputs = ZmqInputs.start(settings, tack.server().publishService(), tack.server().metrics(), tack.registry());
    }

    ZmqInputs inputs() {
        return inputs;
    }

    ZmqInputs.Endpoints endpoints() {
        return inputs.endpoints();
    }

    /** Opens a stream held on {@code channel} (at path {@code /<channel>}) and waits until Tack subscribed it. */
    StreamClients.Stream hold(String channel) throws InterruptedException {
        origin.on("/" + channel, r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", channel));
        int before = tack.subscriptions();
        StreamClients.Stream stream = clients.open(tack.clientPort(), "/" + channel, 1).get(0);
        await().atMost(PATIENCE).until(() -> tack.subscriptions() == before + 1);
        return stream;
    }

    /** The running Tack. */
    TackFixture tack() {
        return tack;
    }

    /** Waits until {@code stream} has received exactly {@code expected}. */
    static void awaitBody(StreamClients.Stream stream, String expected) {
        await().atMost(PATIENCE).until(() -> stream.body().length() >= expected.length());
        assertEquals(expected, stream.body());
    }

    /** A client socket of this testbed's context, connected to {@code endpoint}; the testbed closes it. */
    ZMQ.Socket connect(SocketType type, String endpoint) {
        ZMQ.Socket socket = zmq.createSocket(type);
        socket.setLinger(1000);
        socket.setHandshakeIvl(CLIENT_HANDSHAKE_MILLIS);
        socket.setReceiveTimeOut((int) PATIENCE.toMillis());
        socket.connect(endpoint);
        return socket;
    }

    /** Warnings the ZeroMQ inputs logged so far. */
    List<String> warnings() {
        return capture.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .map(e -> e.getFormattedMessage()).toList();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            inputs.close();
            zmq.close();
            clients.close();
            tack.close();
            origin.close();
        } finally {
            capture.close();
        }
    }
}
