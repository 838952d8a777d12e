package dev.tack.proxy.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The status page's files, plain HTML, JavaScript and CSS read from the jar once at start (no build step, no
 * network at view time): {@code /status} is the page, {@code /status/status.js} and {@code /status/status.css}
 * what it loads. None holds data, so none needs the bearer token; the data comes from {@code /status/events}.
 */
final class StaticFiles {
    /** A file to serve. */
    record File(String contentType, byte[] body) {
    }

    private final Map<String, File> files;

    StaticFiles() {
        files = Map.of(
                "/status", load("status.html", "text/html; charset=utf-8"),
                "/status/", load("status.html", "text/html; charset=utf-8"),
                "/status/status.js", load("status.js", "text/javascript; charset=utf-8"),
                "/status/status.css", load("status.css", "text/css; charset=utf-8"));
    }

    /** The file served at {@code path}, or null. */
    File get(String path) {
        return files.get(path);
    }

    private static File load(String name, String contentType) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("status page file " + name + " is missing from the jar");
            }
            return new File(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read status page file " + name, e);
        }
    }
}
