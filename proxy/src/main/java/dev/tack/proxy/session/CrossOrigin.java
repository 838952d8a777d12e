package dev.tack.proxy.session;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CORS headers Tack adds to a response where cross-origin handling is on ({@code [proxy] auto_cross_origin} or
 * a route's {@code aco}; docs/compatibility.md "Cross-origin and JSON-P", Pushpin's {@code cors.cpp}). Each is
 * added only when the origin did not set it, so an origin's own CORS answer wins:
 * <pre>
 * Access-Control-Allow-Methods: &lt;Access-Control-Request-Method&gt; or OPTIONS, HEAD, GET, POST, PUT, DELETE
 * Access-Control-Allow-Headers: &lt;Access-Control-Request-Headers&gt; (when the request named any)
 * Access-Control-Expose-Headers: every response header but the simple ones, Access-Control-* and Grip-*
 * Access-Control-Allow-Credentials: true
 * Access-Control-Allow-Origin: &lt;Origin&gt; or *
 * Access-Control-Max-Age: 3600
 * </pre>
 * A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) goes to the origin like any request,
 * and its answer gets these headers, as through Pushpin.
 */
final class CrossOrigin {

    /** The request headers CORS answers depend on, kept from the request (a hold clears the request's headers). */
    record Request(String origin, String requestMethod, List<String> requestHeaders) {
        static Request of(HttpHeaders headers) {
            List<String> named = new ArrayList<>();
            for (String value : headers.getAll("Access-Control-Request-Headers")) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        named.add(part.trim());
                    }
                }
            }
            return new Request(headers.get("Origin"), headers.get("Access-Control-Request-Method"), List.copyOf(named));
        }
    }

    private static final Set<String> SIMPLE = Set.of("cache-control", "content-language", "content-length",
            "content-type", "expires", "last-modified", "pragma");
    /** Framing headers of this hop; a browser never sees them as response headers to expose. */
    private static final Set<String> HOP = Set.of("connection", "keep-alive", "transfer-encoding");

    private CrossOrigin() {
    }

    /** Adds the CORS headers {@code response} lacks. */
    static void apply(Request request, HttpHeaders response) {
        if (!response.contains("Access-Control-Allow-Methods")) {
            String method = request.requestMethod();
            response.add("Access-Control-Allow-Methods", method != null && !method.isEmpty() ? method
                    : "OPTIONS, HEAD, GET, POST, PUT, DELETE");
        }
        if (!response.contains("Access-Control-Allow-Headers") && !request.requestHeaders().isEmpty()) {
            response.add("Access-Control-Allow-Headers", String.join(", ", request.requestHeaders()));
        }
        if (!response.contains("Access-Control-Expose-Headers")) {
            Set<String> seen = new LinkedHashSet<>();
            List<String> expose = new ArrayList<>();
            for (String name : response.names()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!SIMPLE.contains(lower) && !HOP.contains(lower) && !lower.startsWith("access-control-")
                        && !lower.startsWith("grip-") && seen.add(lower)) {
                    expose.add(name);
                }
            }
            if (!expose.isEmpty()) {
                response.add("Access-Control-Expose-Headers", String.join(", ", expose));
            }
        }
        if (!response.contains("Access-Control-Allow-Credentials")) {
            response.add("Access-Control-Allow-Credentials", "true");
        }
        if (!response.contains("Access-Control-Allow-Origin")) {
            String origin = request.origin();
            response.add("Access-Control-Allow-Origin", origin != null && !origin.isEmpty() ? origin : "*");
        }
        if (!response.contains("Access-Control-Max-Age")) {
            response.add("Access-Control-Max-Age", "3600");
        }
    }
}
