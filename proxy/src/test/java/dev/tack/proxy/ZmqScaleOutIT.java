package dev.tack.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.ProcessOutput;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.RawHttp;
import dev.tack.proxy.testing.StreamClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pushpin's documented multi-instance setup (docs/scale-out.md "ZeroMQ"): one XPUB publisher, two Tack processes
 * whose SUB inputs connect to it. Each process subscribes to the channels its clients listen on, so a publish
 * reaches the listeners on both processes and goes to no process without a listener. The same processes reload
 * their routes file on SIGHUP while their streams stay held. Runs {@code bin/tack} after {@code package}.
 */
class ZmqScaleOutIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final StreamClients streams = new StreamClients();

    @AfterEach
    void stop() throws InterruptedException {
        streams.close();
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A Tack process listening on {@code http}, its SUB input connected to {@code xpub}; its output lines. */
    private List<String> startTack(String name, int http, int command, String xpub, String routes) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(home.resolve("routes"), routes);
        Files.writeString(home.resolve("tack.conf"), String.join("\n",
                "[runner]", "http_port=127.0.0.1:" + http,
                "[proxy]", "routesfile=routes",
                "[handler]", "push_in_http_addr=127.0.0.1", "push_in_http_port=" + freePort(), "push_in_spec=",
                "push_in_sub_specs=" + xpub, "push_in_sub_connect=true", "command_spec=tcp://127.0.0.1:" + command,
                "subscription_linger=0", ""));
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("bin/tack").toString(),
                "--config=" + home.resolve("tack.conf"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TACK_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC");
        builder.redirectErrorStream(true).directory(home.toFile());
        Process process = builder.start();
        processes.add(process);
        List<String> out = ProcessOutput.lines(process, "tack-" + name);
        await().atMost(PATIENCE).until(() -> out.stream().anyMatch(l -> l.endsWith(" started")) || !process.isAlive());
        assertTrue(process.isAlive(), String.join("\n", out));
        return out;
    }

    /** This process's {@code received} count from the command socket's {@code report}. */
    private static long received(ZContext zmq, int command) {
        try (ZMQ.Socket req = zmq.createSocket(SocketType.REQ)) {
            req.setReceiveTimeOut((int) PATIENCE.toMillis());
            req.connect("tcp://127.0.0.1:" + command);
            req.send("18:6:method,6:report,}".getBytes(StandardCharsets.ISO_8859_1));
            String reply = new String(req.recv(), StandardCharsets.ISO_8859_1);
            int at = reply.indexOf("8:received,");
            assertTrue(at >= 0, reply);
            String number = reply.substring(at + 11);
            return Long.parseLong(number.substring(number.indexOf(':') + 1, number.indexOf('#')));
        }
    }

    private static void publish(ZMQ.Socket xpub, String channel, String content) {
        xpub.sendMore(channel);
        xpub.send(("J{\"formats\":{\"http-stream\":{\"content\":\"" + content + "\\n\"}}}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneXpubPublisherFeedsTwoTacksOnlyWhereSomeoneListens() throws Exception {
        try (ZContext zmq = new ZContext(1); OriginServer origin = new OriginServer();
                OriginServer next = new OriginServer()) {
            for (String channel : List.of("a", "b", "both")) {
                origin.on("/" + channel, r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", channel));
            }
            next.on("/", r -> Reply.of(200, "reloaded\n"));
            ZMQ.Socket xpub = zmq.createSocket(SocketType.XPUB);
            xpub.setReceiveTimeOut((int) PATIENCE.toMillis());
            xpub.bind("tcp://127.0.0.1:*");
            String endpoint = xpub.getLastEndpoint();
            int http1 = freePort();
            int http2 = freePort();
            int command1 = freePort();
            int command2 = freePort();
            startTack("one", http1, command1, endpoint, "* 127.0.0.1:" + origin.port() + "\n");
            startTack("two", http2, command2, endpoint, "* 127.0.0.1:" + origin.port() + "\n");

            StreamClients.Stream a = streams.open(http1, "/a", 1).get(0);
            StreamClients.Stream both1 = streams.open(http1, "/both", 1).get(0);
            StreamClients.Stream b = streams.open(http2, "/b", 1).get(0);
            StreamClients.Stream both2 = streams.open(http2, "/both", 1).get(0);
            Set<String> seen = new HashSet<>();
            while (seen.size() < 3) {
                byte[] change = xpub.recv();
                assertTrue(change != null && change[0] == 1, "no subscription within " + PATIENCE);
                seen.add(new String(change, 1, change.length - 1, StandardCharsets.UTF_8));
            }
            assertEquals(Set.of("a", "b", "both"), seen);
            // The two processes' subscriptions to "both" reach the XPUB socket; its filters may lag a moment.
            await().atMost(PATIENCE).until(() -> {
                publish(xpub, "both", "to both");
                return both1.body().contains("to both") && both2.body().contains("to both");
            });
            long received1 = received(zmq, command1);
            long received2 = received(zmq, command2);
            publish(xpub, "a", "only a");
            publish(xpub, "b", "only b");
            await().atMost(PATIENCE).until(() -> a.body().equals("only a\n") && b.body().equals("only b\n"));
            assertEquals(received1 + 1, received(zmq, command1), "process one got b's item");
            assertEquals(received2 + 1, received(zmq, command2), "process two got a's item");

            // SIGHUP reloads process one's routes; its held streams stay.
            Files.writeString(dir.resolve("one").resolve("routes"), "* 127.0.0.1:" + next.port() + "\n");
            Process one = processes.get(0);
            assertEquals(0, new ProcessBuilder("kill", "-HUP", String.valueOf(one.pid())).start().waitFor());
            await().atMost(PATIENCE).until(() -> RawHttp.exchange(http1,
                    "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").body().equals("reloaded\n"));
            publish(xpub, "a", "after reload");
            await().atMost(PATIENCE).until(() -> a.body().equals("only a\nafter reload\n"));
        }
    }
}
