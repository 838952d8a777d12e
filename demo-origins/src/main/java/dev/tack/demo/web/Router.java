package dev.tack.demo.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the handler for a request by method and path template ({@code /api/room/{roomId}/questions}: literal
 * segments match exactly, {@code {name}} segments match any one non-empty segment). The first route added that
 * matches wins. An unmatched path goes to the fallback (static files) for {@code GET}/{@code HEAD}, else
 * {@code 404}; a path that matches with another method is {@code 405} with {@code Allow}. {@code OPTIONS} is
 * {@code 200 OK}, and every response allows any origin, as the Q&amp;A demo's API does, so pages served from
 * another port can call it. A handler's {@link HttpError} becomes its response; any other exception is a bug,
 * logged and answered {@code 500}.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** Answers a request whose route matched. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    private record Route(String method, List<String> segments, String template, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private Handler fallback = request -> Response.text(404, "Not Found: " + request.path() + "\n");

    /** Adds a route; {@code template} starts with {@code /}. */
    public Router route(String method, String template, Handler handler) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route template: \"" + template + "\" (expected: starts with /)");
        }
        routes.add(new Route(method, segments(template), template, handler));
        return this;
    }

    public Router get(String template, Handler handler) {
        return route("GET", template, handler);
    }

    public Router post(String template, Handler handler) {
        return route("POST", template, handler);
    }

    public Router put(String template, Handler handler) {
        return route("PUT", template, handler);
    }

    public Router delete(String template, Handler handler) {
        return route("DELETE", template, handler);
    }

    /** What answers a {@code GET}/{@code HEAD} no route matched (by default {@code 404}). */
    public Router fallback(Handler handler) {
        this.fallback = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** Answers a request; never throws. */
    public Response dispatch(Request request) {
        return withCors(answer(request));
    }

    private Response answer(Request request) {
        if (request.method().equals("OPTIONS")) {
            return Response.text(200, "OK");
        }
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        List<String> path = segments(request.path());
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), path);
            if (params == null) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            return run(route.handler(), request.withPathParams(params), route.template());
        }
        if (!allowed.isEmpty()) {
            return Response.text(405, "Method Not Allowed: " + request.method() + " " + request.path()
                    + " (expected: " + String.join(", ", allowed) + ")\n")
                    .withHeader("Allow", String.join(", ", allowed));
        }
        if (method.equals("GET")) {
            return run(fallback, request, "fallback");
        }
        return Response.text(404, "Not Found: " + request.method() + " " + request.path() + "\n");
    }

    private static Response run(Handler handler, Request request, String template) {
        try {
            return handler.handle(request);
        } catch (HttpError e) {
            return e.toResponse();
        } catch (Exception e) {
            log.warn("{} {} (route {}) failed", request.method(), request.path(), template, e);
            return Response.text(500, "Internal Server Error: " + e.getClass().getSimpleName() + "\n");
        }
    }

    private static Response withCors(Response response) {
        return response.withHeader("Access-Control-Allow-Origin", "*")
                .withHeader("Access-Control-Allow-Headers", "Content-Type, Access-Control-Allow-Headers")
                .withHeader("Access-Control-Allow-Methods", "GET, HEAD, PUT, POST, DELETE, OPTIONS");
    }

    private static Map<String, String> match(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = path.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (p.isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), p);
            } else if (!t.equals(p)) {
                return null;
            }
        }
        return params;
    }

    /** {@code /api/rooms/} and {@code /api/rooms} both give {@code [api, rooms]}; {@code /} gives {@code []}. */
    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
