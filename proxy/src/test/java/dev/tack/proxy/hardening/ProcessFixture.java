package dev.tack.proxy.hardening;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tack as a real process for the tests that need one (signals, a descriptor limit): {@code java -jar
 * proxy/target/tack.jar} (built by {@code package}, so these are failsafe tests) on free loopback ports, with the
 * built-in test route, its output written to a file the test reads (a pipe loses the last lines when the process
 * exits).
 */
final class ProcessFixture implements AutoCloseable {

    static final Path JAR = Path.of("target/tack.jar").toAbsolutePath();

    final Process process;
    final int clientPort;
    final int publishPort;
    private final Path log;

    private ProcessFixture(Process process, int clientPort, int publishPort, Path log) {
        this.process = process;
        this.clientPort = clientPort;
        this.publishPort = publishPort;
        this.log = log;
    }

    /** The output lines so far. */
    List<String> out() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Tack in {@code dir} with {@code tackKeys} added to {@code [tack]}, behind {@code prefix} (e.g. a
     * {@code prlimit} command), with {@code javaOptions}; returns once it logged {@code started}.
     */
    static ProcessFixture start(Path dir, List<String> prefix, List<String> javaOptions, String tackKeys)
            throws IOException {
        int clientPort = freePort();
        int publishPort = freePort();
        Path conf = dir.resolve("tack.conf");
        Files.writeString(conf, "[runner]\nhttp_port=127.0.0.1:" + clientPort + "\n[proxy]\nroutesfile=routes\n"
                + "sig_key=a-test-secret\n[handler]\npush_in_http_port=" + publishPort + "\npush_in_spec=\n"
                + "push_in_sub_specs=\ncommand_spec=\n[tack]\n" + tackKeys + "\n");
        Files.writeString(dir.resolve("routes"), "* test\n");
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", JAR.toString(), "--config=" + conf));
        Path log = dir.resolve("tack.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ProcessFixture fixture = new ProcessFixture(process, clientPort, publishPort, log);
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.logged(" started") || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("tack did not start:\n" + String.join("\n", fixture.out()));
        }
        return fixture;
    }

    boolean logged(String part) {
        return out().stream().anyMatch(l -> l.contains(part));
    }

    long linesContaining(String part) {
        return out().stream().filter(l -> l.contains(part)).count();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
