package dev.tack.api.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes appended to every stream hold on the channel: {@code "http-stream"} in the publish JSON, e.g.
 * {@code {"content": "data: hello\n\n"}}, or {@code {"action": "close"}} to end the streams. Tack adds no
 * framing; SSE framing is the publisher's job.
 *
 * @param action what to do
 * @param content the bytes to write (empty unless {@code SEND}); callers must not modify the array
 */
public record HttpStreamFormat(Action action, byte[] content) implements Format {

    public HttpStreamFormat {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(content, "content");
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
        return o instanceof HttpStreamFormat f && action == f.action && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "HttpStreamFormat[action=" + action + ", content=" + content.length + " bytes]";
    }
}
