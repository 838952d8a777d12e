package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues;
import dev.tack.proxy.route.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An origin's whole answer to one call, as a value that any number of callers may share: status, reason phrase,
 * headers as the origin sent them (wire text, in order) and the body. Interim {@code 1xx} answers never appear
 * here.
 *
 * @param body the whole body; callers must not modify it
 * @param target the target that answered
 */
public record OriginResponse(int status, String reason, List<Header> headers, byte[] body, Target target) {

    public OriginResponse {
        Objects.requireNonNull(reason, "reason");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The first value of header {@code name}, ignoring case, or null. */
    public String header(String name) {
        return HeaderValues.first(headers, name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OriginResponse r && status == r.status && reason.equals(r.reason)
                && headers.equals(r.headers) && Arrays.equals(body, r.body) && Objects.equals(target, r.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, reason, headers, Arrays.hashCode(body), target);
    }

    @Override
    public String toString() {
        return "OriginResponse[" + status + " " + reason + ", " + headers.size() + " headers, " + body.length
                + " bytes from " + target + "]";
    }
}
