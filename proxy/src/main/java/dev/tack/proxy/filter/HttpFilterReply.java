package dev.tack.proxy.filter;

import dev.tack.api.Header;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The origin's answer to an {@link HttpFilterCall}. 200 or 204 lets the message through ({@code http-modify}: a
 * 200 body replaces the content, 204 keeps it); a header {@code Action: drop} drops it; any other status is an
 * error.
 *
 * @param status the status code
 * @param headers the response headers (wire text)
 * @param body the body as read, at most {@link HttpFilterCall#maxResponseBytes()} + 1 bytes; callers must not
 *     modify it
 */
public record HttpFilterReply(int status, List<Header> headers, byte[] body) {
    public HttpFilterReply {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpFilterReply r && status == r.status && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HttpFilterReply[" + status + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}
