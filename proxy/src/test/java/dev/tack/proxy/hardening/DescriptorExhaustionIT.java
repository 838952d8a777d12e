package dev.tack.proxy.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tack.proxy.testing.RawConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tack out of file descriptors, on every transport (docs/reliability.md "Descriptors"): the process runs under a
 * 256-descriptor limit and twice that many clients connect. Accepting pauses with back-off and is logged a few
 * times, not once per failure (io_uring used to write hundreds of thousands of stack traces a second); the
 * connections it holds keep working; once clients leave, it accepts again.
 */
class DescriptorExhaustionIT {

    private static final int LIMIT = 256;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void runningOutOfDescriptorsPausesAcceptingQuietlyAndRecovers(String transport) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "needs prlimit (util-linux)");
        try (ProcessFixture tack = ProcessFixture.start(dir, List.of("/usr/bin/prlimit", "--nofile=" + LIMIT + ":"
                + LIMIT, "--"), List.of("-Dtack.transport=" + transport), "")) {
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 2 * LIMIT; i++) {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tack.clientPort), 5000);
                    flood.add(socket);
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> tack.logged("accepting connections on"));
                assertTrue(tack.process.isAlive());
            } finally {
                for (Socket socket : flood) {
                    close(socket);
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> answers(tack.clientPort));
            long failureLines = tack.linesContaining("fails: ");
            assertTrue(failureLines >= 1 && failureLines <= 3, "one warning per 10 s at most: "
                    + String.join("\n", tack.out()));
            assertTrue(tack.out().size() < 40, "no flood in the log: " + tack.out().size() + " lines");
            assertTrue(tack.out().stream().noneMatch(l -> l.contains("exceptionCaught() event was fired")),
                    String.join("\n", tack.out()));
        }
    }

    private static boolean answers(int port) {
        try (RawConnection client = RawConnection.connect(port)) {
            client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            return client.readToEnd().startsWith("HTTP/1.1 200 OK");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test client
        }
    }
}
