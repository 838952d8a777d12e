package dev.tack.proxy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes config files into a test's temporary directory and loads them. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static Path write(Path dir, String name, String text) {
        try {
            final Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code text} as {@code dir/tack.conf} with a {@code * test} route unless {@code args} give routes. */
    static TackConfig load(Path dir, String text, String... args) throws ConfigException {
        final Path file = write(dir, "tack.conf", text);
        final List<String> all = new ArrayList<>(List.of("--config=" + file));
        all.addAll(List.of(args));
        if (!text.contains("routesfile") && all.stream().noneMatch(a -> a.startsWith("--route"))) {
            all.add("--route=* test");
        }
        return ConfigLoader.load(Cli.parse(all.toArray(String[]::new)), dir, dir.resolve("no-system.conf"));
    }
}
