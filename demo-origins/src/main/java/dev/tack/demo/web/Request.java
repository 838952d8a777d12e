package dev.tack.demo.web;

import dev.tack.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a route handler sees it: the method, the decoded path, query parameters (first value
 * wins), the values of the route template's {@code {name}} segments, the headers as received and the body.
 * The body array is not copied: treat it as read-only.
 */
public record Request(String method, String path, Map<String, String> query, Map<String, String> pathParams,
        List<Header> headers, byte[] body) {

    public Request {
        query = Map.copyOf(query);
        pathParams = Map.copyOf(pathParams);
        headers = List.copyOf(headers);
    }

    /** The first value of a header, by name in any case. */
    public Optional<String> header(String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** A query parameter, e.g. {@code roomId} of {@code ?roomId=demo}. */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /**
     * The value of a {@code {name}} segment of the matched route template.
     *
     * @throws IllegalStateException when the template has no such segment (a bug in the route table)
     */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route template has no {" + name + "} segment; path " + path);
        }
        return value;
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Returns a copy with these template values (the router sets them on a match). */
    Request withPathParams(Map<String, String> params) {
        return new Request(method, path, query, params, headers, body);
    }
}
