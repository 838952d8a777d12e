package dev.tack.api.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Bytes appended to every stream hold on the channel: {@code "http-stream"} in the publish JSON, e.g.
 * {@code {"content": "data: hello\n\n"}}, or {@code {"action": "close"}} to end the streams. Tack adds no
 * framing; SSE framing is the publisher's job.
 *
 * @param action what to do
 * @param content the bytes to write (empty unless {@code SEND}); callers must not modify the array
 * @param contentFilters the {@code content-filters} the content was written for, or null (see
 *     {@link Format#contentFilters})
 */
public record HttpStreamFormat(Action action, byte[] content, List<String> contentFilters) implements Format {

    public HttpStreamFormat {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(content, "content");
        contentFilters = contentFilters == null ? null : List.copyOf(contentFilters);
    }

    /** A format without {@code content-filters}. */
    public HttpStreamFormat(Action action, byte[] content) {
        this(action, content, null);
    }

    /** Returns a copy with these {@code content-filters} (null for none). */
    public HttpStreamFormat withContentFilters(List<String> filters) {
        return new HttpStreamFormat(action, content, filters);
    }

    /** Returns a format that writes this UTF-8 text. */
    public static HttpStreamFormat of(String content) {
        return of(content.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a format that writes these bytes. */
    public static HttpStreamFormat of(byte[] content) {
        return new HttpStreamFormat(Action.SEND, content);
    }

    /** Returns a format that ends every stream on the channel cleanly. */
    public static HttpStreamFormat close() {
        return new HttpStreamFormat(Action.CLOSE, new byte[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpStreamFormat f && action == f.action && Arrays.equals(content, f.content)
                && Objects.equals(contentFilters, f.contentFilters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, Arrays.hashCode(content), contentFilters);
    }

    @Override
    public String toString() {
        return "HttpStreamFormat[action=" + action + ", content=" + content.length + " bytes"
                + (contentFilters == null ? "" : ", contentFilters=" + contentFilters) + "]";
    }
}
