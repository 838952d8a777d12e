package dev.tack.bench.soak;

import java.nio.file.Path;
import java.util.List;

/**
 * How the soak runs: which Tack, where its files go, how big the scenarios are.
 *
 * @param jar Tack's runnable jar
 * @param dir where each scenario's config and log go, one directory each
 * @param scale multiplies every scenario's counts (0.1 for a quick check)
 * @param javaOptions Tack's JVM options
 * @param benchJar this tool's jar, to start the bench origin as a process of its own
 */
record SoakSettings(Path jar, Path dir, double scale, List<String> javaOptions, Path benchJar) {

    int scaled(int count) {
        return Math.max(1, (int) Math.round(count * scale));
    }
}
