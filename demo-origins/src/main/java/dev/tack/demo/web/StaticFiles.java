package dev.tack.demo.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Serves the demos' pages from the jar (resources under one folder): {@code /counter.html} is
 * {@code <folder>/counter.html}, {@code /} is {@code index.html}. Only names of plain file characters are
 * looked up, so {@code ..} can never leave the folder. Unknown names are {@code 404}.
 */
public final class StaticFiles implements Router.Handler {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private final String folder;

    /** Files under {@code folder}, a resource path such as {@code /dev/tack/demo/static}. */
    public StaticFiles(String folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    @Override
    public Response handle(Request request) throws IOException {
        String name = request.path().equals("/") ? "index.html" : request.path().substring(1);
        if (!name.matches("[A-Za-z0-9_-]+\\.[a-z0-9]+")) {
            return Response.text(404, "Not Found: " + request.path() + "\n");
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        try (InputStream in = StaticFiles.class.getResourceAsStream(folder + "/" + name)) {
            if (in == null || type == null) {
                return Response.text(404, "Not Found: " + request.path() + "\n");
            }
            return new Response(200, List.of(), in.readAllBytes())
                    .withHeader("Content-Type", type)
                    .withHeader("Cache-Control", "no-cache");
        }
    }
}
