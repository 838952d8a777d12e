package dev.tack.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.OriginServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tack} command as the Fastly CLI runs it ({@code <path> --config=<file> --verbose}, waiting for a line
 * ending in {@code started}): from the source checkout ({@code bin/tack} finds {@code proxy/target/tack.jar}) and
 * from the distribution archive unpacked into a temporary directory with nothing but {@code java} on the PATH.
 * Runs after {@code package} (failsafe), as real processes on free loopback ports.
 */
class TackCommandIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A process's output lines as they come, read by a thread of their own. */
    private static List<String> lines(Process process, boolean errors) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    errors ? process.getErrorStream() : process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output ended: " + e.getMessage() + ")"); // the process was stopped, closing its pipe
            }
        }, "tack-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Writes the config the Fastly CLI generates for Pushpin (its template, with free ports instead of 7677 and
     * 5561-5564) and a routes file for one backend; returns the config and the ports.
     */
    private Map<String, Integer> fastlyCliConfig(Path conf, int originPort) throws IOException {
        Map<String, Integer> ports = Map.of("http", freePort(), "publish", freePort(), "pull", freePort(),
                "sub", freePort(), "command", freePort(), "metrics", freePort());
        String text = Files.readString(Path.of("src/test/resources/dev/tack/proxy/config/fastly-cli-generated.conf"))
                .replace("http_port=7677", "http_port=" + ports.get("http"))
                .replace("push_in_http_port=5561", "push_in_http_port=" + ports.get("publish"))
                .replace("push_in_http_addr=0.0.0.0", "push_in_http_addr=127.0.0.1")
                .replace("tcp://127.0.0.1:5562", "tcp://127.0.0.1:" + ports.get("pull"))
                .replace("tcp://127.0.0.1:5563", "tcp://127.0.0.1:" + ports.get("sub"))
                .replace("tcp://127.0.0.1:5564", "tcp://127.0.0.1:" + ports.get("command"))
                .replace("/tmp/fastly-compute-serve-1234", dir.toString())
                .replace("routesfile=fastly-cli-generated.routes", "routesfile=routes")
                + "\n# the metrics port, to look at the running process\nprometheus_port=" + ports.get("metrics") + "\n";
        Files.writeString(conf, text);
        Files.writeString(conf.resolveSibling("routes"), "id=origin_0 127.0.0.1:" + originPort + ",over_http\n");
        return ports;
    }

    private Process start(Path command, Path conf, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.toString(), "--config=" + conf, "--verbose");
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.directory(dir.toFile());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static void awaitStarted(List<String> out, Process process) {
        await().atMost(START).until(() -> out.stream().anyMatch(l -> l.endsWith(" started")) || !process.isAlive());
        assertTrue(out.stream().anyMatch(l -> l.matches("\\[INFO] \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} "
                + "\\[tack] tack \\S+ started")), String.join("\n", out));
    }

    /** The java process's own view of itself (Linux): its command line and open-files limits. */
    private static String proc(Process process, String file) throws IOException {
        Path path = Path.of("/proc", String.valueOf(process.pid()), file);
        return Files.isReadable(path) ? Files.readString(path).replace('\0', ' ') : "";
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void checkoutCommandStartsAsTheFastlyCliRunsPushpin() throws Exception {
        try (OriginServer origin = new OriginServer()) {
            origin.on("/", r -> OriginServer.Reply.of(200, "from the backend"));
            Path conf = dir.resolve("pushpin.conf");
            Map<String, Integer> ports = fastlyCliConfig(conf, origin.port());
            Process tack = start(REPO.resolve("bin/tack"), conf, Map.of("PATH", System.getenv("PATH"),
                    "JAVA_HOME", System.getProperty("java.home"), "TACK_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC"));
            List<String> out = lines(tack, false);
            awaitStarted(out, tack);
            assertTrue(out.stream().anyMatch(l -> l.startsWith("[DEBUG] ")), "--verbose shows debug lines");
            String cmdline = proc(tack, "cmdline");
            if (!cmdline.isEmpty()) {
                assertTrue(cmdline.startsWith(System.getProperty("java.home") + "/bin/java "), cmdline);
                assertTrue(cmdline.contains(" -Xmx256m -XX:+UseSerialGC -Dtack.home=" + REPO + " -jar " + REPO
                        + "/proxy/target/tack.jar --config="), cmdline);
            }
            HttpResponse<String> routed = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ports.get("http") + "/")).header("Pushpin-Route", "origin_0")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("from the backend", routed.body());
            assertEquals("Pushpin API\n", get(ports.get("publish"), "/"));
        }
    }

    @Test
    void distributionRunsWithOnlyJavaOnThePath() throws Exception {
        Path archive;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), "tack-*.tar.gz")) {
            archive = found.iterator().next();
        }
        Process untar = new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", dir.toString())
                .inheritIO().start();
        assertEquals(0, untar.waitFor());
        String name = archive.getFileName().toString().replace(".tar.gz", "");
        Path home = dir.resolve(name);
        for (String part : List.of("bin/tack", "lib/tack.jar", "config/tack.conf", "config/KEYS.md",
                "config/grafana/tack-dashboard.json", "config/grafana/prometheus.yml", "docs/operations.md",
                "README.md")) {
            assertTrue(Files.exists(home.resolve(part)), part);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/tack")));
        Path javaOnly = Files.createDirectories(dir.resolve("java-only"));
        Files.createSymbolicLink(javaOnly.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Path conf = dir.resolve("pushpin.conf");
        Map<String, Integer> ports = fastlyCliConfig(conf, freePort());
        Process tack = start(home.resolve("bin/tack"), conf, Map.of("PATH", javaOnly.toString()));
        List<String> out = lines(tack, false);
        awaitStarted(out, tack);
        String limits = proc(tack, "limits");
        if (!limits.isEmpty()) {
            String[] files = limits.lines().filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow()
                    .substring("Max open files".length()).trim().split("\\s+");
            assertEquals(files[1], files[0], "the soft open-files limit is raised to the hard one: " + limits);
            assertTrue(proc(tack, "cmdline").contains("-XX:+UseSerialGC -Xmn64m -XX:MinHeapFreeRatio=10 "
                    + "-XX:MaxHeapFreeRatio=20 -Dtack.home=" + home + " -jar " + home + "/lib/tack.jar"));
        }
        String metrics = get(ports.get("metrics"), "/metrics");
        assertTrue(metrics.contains("# TYPE request_received counter"), metrics);
        assertTrue(get(ports.get("metrics"), "/status").contains("<title>Tack status</title>"));
    }

    @Test
    void aMissingConfigIsReportedAndTheCommandFails() throws Exception {
        Process tack = start(REPO.resolve("bin/tack"), dir.resolve("nope.conf"), Map.of("PATH", System.getenv("PATH")));
        List<String> errors = lines(tack, true);
        assertEquals(1, tack.waitFor());
        await().until(() -> errors.stream().anyMatch(l -> l.startsWith("tack: --config: ")
                && l.endsWith("nope.conf (expected: an existing file)")));
    }
}
