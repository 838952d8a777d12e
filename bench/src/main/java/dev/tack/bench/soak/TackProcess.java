package dev.tack.bench.soak;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tack as a child process for one scenario: {@code java -jar tack.jar} with a generated config on free loopback
 * ports (clients, publish, metrics), optionally under a descriptor limit ({@code prlimit}), its output in a log file.
 * Reads its memory from {@code /proc} and its gauges from the metrics port, and can ask it to collect garbage
 * ({@code jcmd GC.run}) so heap figures compare live data.
 */
final class TackProcess implements AutoCloseable {

    final int clientPort;
    final int publishPort;
    final int metricsPort;
    final Path log;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TackProcess(Process process, int clientPort, int publishPort, int metricsPort, Path log) {
        this.process = process;
        this.clientPort = clientPort;
        this.publishPort = publishPort;
        this.metricsPort = metricsPort;
        this.log = log;
    }

    /**
     * Starts Tack and waits for its {@code started} line.
     *
     * @param routes the routes file's lines
     * @param tackKeys extra {@code [tack]} lines
     * @param descriptorLimit the process's open-files limit, or 0 for the inherited one
     */
    static TackProcess start(Path jar, Path dir, List<String> routes, String tackKeys, int descriptorLimit,
            List<String> javaOptions) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int client = freePort();
        int publish = freePort();
        int metrics = freePort();
        Path conf = dir.resolve("tack.conf");
        Files.writeString(conf, "[runner]\nhttp_port=127.0.0.1:" + client + "\nclient_maxconn=50000\n"
                + "[proxy]\nroutesfile=routes\nsig_key=soak-secret\n[handler]\npush_in_http_port=" + publish
                + "\npush_in_spec=\npush_in_sub_specs=\ncommand_spec=\nprometheus_port=127.0.0.1:" + metrics
                + "\n[tack]\n" + tackKeys + "\n");
        Files.write(dir.resolve("routes"), routes);
        List<String> command = new ArrayList<>();
        if (descriptorLimit > 0) {
            command.addAll(List.of("prlimit", "--nofile=" + descriptorLimit + ":" + descriptorLimit, "--"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--config=" + conf));
        Path log = dir.resolve("tack.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        TackProcess tack = new TackProcess(process, client, publish, metrics, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!tack.logContains(" started")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("tack did not start; its log: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return tack;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    boolean logContains(String part) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8).contains(part);
    }

    /** Log lines containing {@code part}. */
    long logLines(String part) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(part)).count();
    }

    /** Resident memory now, in KiB ({@code VmRSS}); 0 once the process is gone. */
    long rssKb() {
        return status("VmRSS:");
    }

    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException gone) {
            return 0;
        }
        return 0;
    }

    /** Open descriptors now, from {@code /proc/<pid>/fd}. */
    long openDescriptors() {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
            return fds.count();
        } catch (IOException gone) {
            return 0;
        }
    }

    /**
     * A metric from the metrics port, summed over the series that start with {@code prefix}: a name
     * ({@code connection_connected}) or a name with its first labels ({@code jvm_memory_used_bytes{area="heap"}).
     */
    double metric(String prefix) throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix) && line.length() > prefix.length()
                    && " {,}".indexOf(line.charAt(prefix.length())) >= 0) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Heap in use after a full collection, in bytes: live data only. */
    long liveHeapBytes() throws IOException, InterruptedException {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(30, TimeUnit.SECONDS);
        return (long) metric("jvm_memory_used_bytes{area=\"heap\"");
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
