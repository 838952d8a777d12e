package dev.tack.proxy.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Redis or NATS server (Debian's {@code redis-server}, {@code nats-server}) run as a child process on a free
 * loopback port with persistence off, for the engine tests. Without the binary the test is skipped, or fails where
 * {@code TACK_REQUIRE_EXTERNALS} is set ({@link Needs}). It can be killed and started again on the same port.
 */
public final class BusServer implements AutoCloseable {

    /** Which server. */
    public enum Kind { REDIS, NATS }

    private static final Path REDIS = Path.of("/usr/bin/redis-server");
    private static final Path NATS = Path.of("/usr/sbin/nats-server");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Kind kind;
    private final int port;
    private final int monitorPort;
    private final File log;
    private final List<String> extraArgs;
    private Process process;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> redis;

    private BusServer(Kind kind, List<String> extraArgs) throws IOException {
        this.kind = kind;
        this.extraArgs = List.copyOf(extraArgs);
        this.port = freePort();
        this.monitorPort = kind == Kind.NATS ? freePort() : 0;
        this.log = File.createTempFile("tack-" + kind.name().toLowerCase() + "-", ".log");
        log.deleteOnExit();
    }

    /**
     * Starts a server of {@code kind}, or skips the test when its package is not installed.
     *
     * @param extraArgs more command-line arguments, e.g. {@code --requirepass secret} for Redis
     */
    public static BusServer start(Kind kind, String... extraArgs) throws IOException {
        BusServer server = stopped(kind, extraArgs);
        server.restart();
        return server;
    }

    /** A server that is not running (yet): its URL refuses connections until {@link #restart()}. */
    public static BusServer stopped(Kind kind, String... extraArgs) throws IOException {
        Path binary = kind == Kind.REDIS ? REDIS : NATS;
        Needs.external(Files.isExecutable(binary), "no " + binary + " (apt-get install "
                + (kind == Kind.REDIS ? "redis-server" : "nats-server") + ")");
        return new BusServer(kind, List.of(extraArgs));
    }

    /** The URL a Tack node is given as {@code [tack] engine}. */
    public String url() {
        return (kind == Kind.REDIS ? "redis" : "nats") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server (again) on its port and waits until it accepts connections. */
    public void restart() throws IOException {
        List<String> command = new java.util.ArrayList<>(kind == Kind.REDIS
                ? List.of(REDIS.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                        "--appendonly", "no", "--protected-mode", "no")
                : List.of(NATS.toString(), "-a", "127.0.0.1", "-p", String.valueOf(port), "-m",
                        String.valueOf(monitorPort)));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        await().atMost(Duration.ofSeconds(20)).until(this::accepts);
    }

    /** Kills the server at once (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        closeRedisClient();
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * How many connections are subscribed to a bus channel (Redis {@code PUBSUB NUMSUB}, or
     * {@code PUBSUB SHARDNUMSUB} when {@code sharded}) or subject (NATS monitoring {@code /connz?subs=1}).
     */
    public long subscribers(String name, boolean sharded) throws Exception {
        if (kind == Kind.REDIS) {
            Map<String, Long> counts = sharded ? redis().sync().pubsubShardNumsub(name)
                    : redis().sync().pubsubNumsub(name);
            return counts.getOrDefault(name, 0L);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + monitorPort + "/connz?subs=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        long count = 0;
        for (JsonNode connection : JSON.readTree(response.body()).path("connections")) {
            for (JsonNode subject : connection.path("subscriptions_list")) {
                if (subject.asText().equals(name)) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Redis {@code CLIENT PAUSE}: for {@code duration}, commands of every other client wait unanswered (to hold a read
     * in flight while others join it, without timing the test).
     */
    public void pauseClients(Duration duration) {
        redis().sync().clientPause(duration.toMillis());
    }

    /** The test's own connection to the Redis server, made at first use. */
    private StatefulRedisConnection<String, String> redis() {
        if (redis == null) {
            int at = extraArgs.indexOf("--requirepass");
            redisClient = RedisClient.create("redis://" + (at < 0 ? "" : ":" + extraArgs.get(at + 1) + "@")
                    + "127.0.0.1:" + port);
            redis = redisClient.connect();
        }
        return redis;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void closeRedisClient() {
        if (redisClient != null) {
            redis.close();
            redisClient.shutdown();
            redis = null;
            redisClient = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        closeRedisClient();
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }
}
