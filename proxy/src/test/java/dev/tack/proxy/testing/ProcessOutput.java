package dev.tack.proxy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A child process's output lines as they come, read by a daemon thread of their own. */
public final class ProcessOutput {

    private ProcessOutput() {
    }

    /** The lines {@code process} writes to its standard output (merge standard error into it to see both). */
    public static List<String> lines(Process process, String name) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output ended: " + e.getMessage() + ")");
            }
        }, "output-" + name);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
