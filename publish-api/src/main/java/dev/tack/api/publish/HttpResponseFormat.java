package dev.tack.api.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tack.api.Header;
import dev.tack.api.grip.StatusReasons;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The response a response hold (long-poll) sends when this item arrives: {@code "http-response"} in the publish
 * JSON, e.g. {@code {"code": 404, "headers": {"Content-Type": "text/plain"}, "body": "gone\n"}}.
 *
 * @param action what to do; the other fields are defaults unless it is {@code SEND}
 * @param code status code 0-999, default 200
 * @param reason reason phrase (wire text), default the standard one for {@code code}
 * @param headers headers laid over the held response's headers (wire text; {@code Grip-*} ones are handled at
 *     delivery, docs/compatibility.md "GRIP instructions")
 * @param body the body; empty when {@code bodyPatch} is given. Callers must not modify the array
 * @param bodyPatch an RFC 6902 patch (a JSON array) for the held response's body, or null; callers must not
 *     modify it. See {@link JsonPatch#patchBody}
 * @param contentFilters the {@code content-filters} the body was written for, or null (see
 *     {@link Format#contentFilters})
 */
public record HttpResponseFormat(Action action, int code, String reason, List<Header> headers, byte[] body,
        JsonNode bodyPatch, List<String> contentFilters) implements Format {

    public HttpResponseFormat {
        Objects.requireNonNull(action, "action");
        if (code < 0 || code > 999) {
            throw new IllegalArgumentException("code: " + code + " (expected: 0-999)");
        }
        reason = reason == null || reason.isEmpty() ? StatusReasons.reasonFor(code) : reason;
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        if (bodyPatch != null && !bodyPatch.isArray()) {
            throw new IllegalArgumentException("bodyPatch: " + bodyPatch.getNodeType() + " (expected: JSON array)");
        }
        if (bodyPatch != null && body.length > 0) {
            throw new IllegalArgumentException("body: " + body.length + " bytes (expected: none with a bodyPatch)");
        }
        contentFilters = contentFilters == null ? null : List.copyOf(contentFilters);
    }

    /** A format without {@code content-filters}. */
    public HttpResponseFormat(Action action, int code, String reason, List<Header> headers, byte[] body,
            JsonNode bodyPatch) {
        this(action, code, reason, headers, body, bodyPatch, null);
    }

    /** Returns a copy with these {@code content-filters} (null for none). */
    public HttpResponseFormat withContentFilters(List<String> filters) {
        return new HttpResponseFormat(action, code, reason, headers, body, bodyPatch, filters);
    }

    /** Returns a {@code 200 OK} response with this UTF-8 body and no headers. */
    public static HttpResponseFormat of(String body) {
        return of(200, List.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a response with this code (standard reason), headers and body. */
    public static HttpResponseFormat of(int code, List<Header> headers, byte[] body) {
        return new HttpResponseFormat(Action.SEND, code, null, headers, body, null);
    }

    /** Returns a {@code 200 OK} response whose body is the held body patched with {@code patch}. */
    public static HttpResponseFormat patch(JsonNode patch) {
        return new HttpResponseFormat(Action.SEND, 200, null, List.of(), new byte[0], patch);
    }

    /** Returns a format with this action and no content (for {@code HINT}, which retries the origin request). */
    public static HttpResponseFormat of(Action action) {
        return new HttpResponseFormat(action, 200, null, List.of(), new byte[0], null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpResponseFormat f && action == f.action && code == f.code && reason.equals(f.reason)
                && headers.equals(f.headers) && Arrays.equals(body, f.body) && Objects.equals(bodyPatch, f.bodyPatch)
                && Objects.equals(contentFilters, f.contentFilters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, code, reason, headers, Arrays.hashCode(body), bodyPatch, contentFilters);
    }

    @Override
    public String toString() {
        return "HttpResponseFormat[action=" + action + ", code=" + code + " " + reason + ", headers=" + headers
                + ", body=" + body.length + " bytes" + (bodyPatch == null ? "" : ", bodyPatch=" + bodyPatch)
                + (contentFilters == null ? "" : ", contentFilters=" + contentFilters) + "]";
    }
}
