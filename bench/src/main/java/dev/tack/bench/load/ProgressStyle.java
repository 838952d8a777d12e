package dev.tack.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How progress is shown on stderr: a bar redrawn in place, or a line per interval (for logs and pipes). */
enum ProgressStyle {
    AUTO,
    BAR,
    LINES;

    /**
     * The style named {@code name}, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    static ProgressStyle parse(String name) {
        for (ProgressStyle s : values()) {
            if (s.name().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("--progress-style: '" + name + "' (expected: auto, bar or lines)");
    }

    /** Whether this style draws a bar; {@link #AUTO} does when this process's stderr is a terminal. */
    boolean bar() {
        return switch (this) {
            case BAR -> true;
            case LINES -> false;
            case AUTO -> stderrIsTerminal();
        };
    }

    /** Whether file descriptor 2 is a terminal, read from where {@code /proc/self/fd/2} points. */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
