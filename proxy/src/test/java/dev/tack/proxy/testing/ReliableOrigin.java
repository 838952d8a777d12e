package dev.tack.proxy.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reliable SSE origin of {@code src/test/resources/reliable-origin} (Fastly's {@code @fanoutio/grip} on Node,
 * following django-eventstream's protocol), run as a child process on a free loopback port.
 *
 * <p>{@link #start} installs the npm packages pinned in {@code package-lock.json} into
 * {@code target/reliable-origin} once ({@code npm ci}, cache in {@code target/npm-cache}; {@code .ci/run} does it
 * ahead), then starts {@code node server.mjs}. Without Node.js or npm, or when the install fails, the calling test
 * is skipped, or fails where {@code TACK_REQUIRE_EXTERNALS=1}. {@link #close} stops the process it started.
 */
public final class ReliableOrigin implements AutoCloseable {
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "server.mjs");
    private static final Pattern LISTENING = Pattern.compile("reliable-origin listening on (\\d+)");
    private static final int OUTPUT_LINES_KEPT = 200;

    private final Process process;
    private final int port;
    private final Deque<String> output;

    private ReliableOrigin(Process process, int port, Deque<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * Installs (if needed) and starts the origin.
     *
     * @param gripUrl where it publishes, e.g. {@code http://127.0.0.1:5561/?verify-key=changeme&verify-iss=pushpin}
     *     (with a verify key it answers 501 to requests without a valid {@code Grip-Sig})
     * @param env more environment: {@code PAGE_SIZE}, {@code NEXT_LINK_TIMEOUT}
     */
    public static ReliableOrigin start(String gripUrl, Map<String, String> env) throws IOException,
            InterruptedException {
        Path dir = install();
        ProcessBuilder pb = new ProcessBuilder("node", "server.mjs").directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PORT", "0");
        pb.environment().put("GRIP_URL", gripUrl);
        pb.environment().putAll(env);
        Process process = pb.start();
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, output, listening), "reliable-origin-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ReliableOrigin(process, listening.get(30, TimeUnit.SECONDS), output);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("reliable-origin did not start; its output: " + snapshot(output), e);
        }
    }

    /** Returns the port it listens on (loopback). */
    public int port() {
        return port;
    }

    /** Returns {@code http://127.0.0.1:<port><pathAndQuery>}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** Returns the last lines the process printed, for assertion messages. */
    public String output() {
        return snapshot(output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void readOutput(Process process, Deque<String> output, CompletableFuture<Integer> listening) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > OUTPUT_LINES_KEPT) {
                        output.removeFirst();
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IOException("reliable-origin exited before it listened"));
    }

    private static String snapshot(Deque<String> output) {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    // Copies the app into target/reliable-origin and runs npm ci unless node_modules matches the lock file already.
    private static Path install() throws IOException, InterruptedException {
        Needs.external(onPath("node") && onPath("npm"),
                "Node.js and npm are not installed (Debian/Ubuntu packages nodejs and npm); skipping the "
                        + "reliable-origin test");
        Path source = resourceDir();
        Path target = source.getParent().getParent().resolve("reliable-origin");
        Files.createDirectories(target);
        try (FileChannel lockFile = FileChannel.open(target.resolve(".install-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            boolean current = Files.exists(target.resolve("node_modules/.package-lock.json"))
                    && Files.exists(target.resolve("package-lock.json"))
                    && Arrays.equals(Files.readAllBytes(source.resolve("package-lock.json")),
                            Files.readAllBytes(target.resolve("package-lock.json")));
            for (String file : FILES) {
                Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!current) {
                npmCi(target);
            }
        }
        return target;
    }

    private static void npmCi(Path dir) throws IOException, InterruptedException {
        Path cache = dir.getParent().resolve("npm-cache");
        Path log = dir.getParent().resolve("reliable-origin-npm.log");
        Process npm = new ProcessBuilder("npm", "ci", "--cache", cache.toString(), "--prefer-offline", "--no-audit",
                "--no-fund").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = npm.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            npm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Needs.external(exited && npm.exitValue() == 0, "npm ci in " + dir + " failed (no npm registry?): "
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Path resourceDir() {
        URL url = ReliableOrigin.class.getResource("/reliable-origin/server.mjs");
        if (url == null) {
            throw new IllegalStateException("reliable-origin/server.mjs is not on the test classpath");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url + " is not a file URI", e);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
