package dev.tack.demo.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A complete HTTP response: status, headers in order, body (not copied; treat it as read-only). Demos build
 * them with the factories, e.g. {@code Response.text(404, "Not Found: room demo\n")} or
 * {@code Response.json(200, roomInfo)}.
 */
public record Response(int status, List<Header> headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Response {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100-999)");
        }
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** A {@code text/plain; charset=utf-8} response. */
    public static Response text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", text);
    }

    /** A response with this content type and UTF-8 body. */
    public static Response of(int status, String contentType, String body) {
        return new Response(status, List.of(new Header("Content-Type", contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** An {@code application/json} response with {@code value} serialized by Jackson (records included). */
    public static Response json(int status, Object value) {
        try {
            return new Response(status, List.of(new Header("Content-Type", "application/json")),
                    JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A response without a body, e.g. {@code 204}. */
    public static Response empty(int status) {
        return new Response(status, List.of(), new byte[0]);
    }

    /** Returns a copy with one more header. */
    public Response withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new Response(status, more, body);
    }

    /** The first value of a header, by name in any case, or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }
}
