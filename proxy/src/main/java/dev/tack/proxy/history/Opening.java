package dev.tack.proxy.history;

import dev.tack.api.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a resume adds to the start of a hold's response: headers (the outcome, {@code Tack-Resume}) and, for an SSE
 * stream in {@code history_sse_ids} mode, an event that only sets the client's last event id to where the stream
 * starts ({@code id: news:t1.k3x9qa7.42} and a blank line), written before the origin's initial body so the first
 * event the client sees already has a position to come back with.
 *
 * @param bodyPrefix bytes to write before the origin's initial body; callers must not modify the array
 */
public record Opening(List<Header> headers, byte[] bodyPrefix) {

    /** Nothing to add. */
    public static final Opening NONE = new Opening(List.of(), new byte[0]);

    public Opening {
        headers = List.copyOf(headers);
        Objects.requireNonNull(bodyPrefix, "bodyPrefix");
    }

    /** The origin's {@code base} headers with {@link #headers} after them. */
    public List<Header> headersWith(List<Header> base) {
        if (headers.isEmpty()) {
            return base;
        }
        List<Header> out = new ArrayList<>(base.size() + headers.size());
        out.addAll(base);
        out.addAll(headers);
        return out;
    }

    /** {@code body} with {@link #bodyPrefix} before it (after a leading UTF-8 byte order mark, which must stay first). */
    public byte[] bodyWith(byte[] body) {
        if (bodyPrefix.length == 0) {
            return body;
        }
        int bom = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? 3 : 0;
        byte[] out = new byte[body.length + bodyPrefix.length];
        System.arraycopy(body, 0, out, 0, bom);
        System.arraycopy(bodyPrefix, 0, out, bom, bodyPrefix.length);
        System.arraycopy(body, bom, out, bom + bodyPrefix.length, body.length - bom);
        return out;
    }
}
