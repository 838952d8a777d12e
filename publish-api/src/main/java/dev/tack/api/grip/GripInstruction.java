package dev.tack.api.grip;

import dev.tack.api.Header;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an origin's GRIP response asks for, parsed once by {@link GripInstructionParser}: the hold, its channels
 * and timers, and the response the client sees (first, for a stream hold; on timeout, for a response hold; at
 * once, with no hold).
 *
 * @param hold the hold mode, or null for no hold (the response goes to the client as is)
 * @param channels channels to subscribe to, duplicates removed (first wins), in order
 * @param timeoutSeconds response-hold timeout, default {@value GripInstructionParser#DEFAULT_TIMEOUT}, at least
 *     {@value GripInstructionParser#MIN_TIMEOUT}
 * @param keepAlive the stream keep-alive, or null for none
 * @param meta subscription meta ({@code Grip-Set-Meta}, {@code hold.meta}); filters read it
 * @param status the status code the client sees (0-999)
 * @param reason the reason phrase the client sees (wire text)
 * @param headers the headers the client may see: never {@code Grip-*}, {@code Connection}, {@code Keep-Alive},
 *     {@code Transfer-Encoding}, {@code Content-Encoding} or {@code Content-Length} (the proxy sets framing)
 * @param body the body the client sees; callers must not modify the array
 * @param nextLink where the response continues ({@code Grip-Link; rel=next}), or null
 * @param goneLink where to {@code POST} once when the client leaves ({@code Grip-Link; rel=gone}), as given
 *     (resolve it against the client's request URI with {@link LinkUris#resolve}), or null
 */
public record GripInstruction(HoldMode hold, List<ChannelSpec> channels, int timeoutSeconds, KeepAlive keepAlive,
        Map<String, String> meta, int status, String reason, List<Header> headers, byte[] body, NextLink nextLink,
        URI goneLink) {

    public GripInstruction {
        channels = List.copyOf(channels);
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        Objects.requireNonNull(reason, "reason");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** An instruction without links. */
    public GripInstruction(HoldMode hold, List<ChannelSpec> channels, int timeoutSeconds, KeepAlive keepAlive,
            Map<String, String> meta, int status, String reason, List<Header> headers, byte[] body) {
        this(hold, channels, timeoutSeconds, keepAlive, meta, status, reason, headers, body, null, null);
    }

    /**
     * Returns Pushpin's error for a stream hold that names a {@code prev-id} but has no next link to recover
     * through, {@code channel 'news' specifies prev-id, but no next link found}, or empty when the instruction is
     * fine. The session checks it after sending the response body, then ends the stream (with this text on a
     * debug route), as Pushpin's {@code httpsession.cpp} does.
     */
    public Optional<String> prevIdWithoutNextLink() {
        if (hold != HoldMode.STREAM || nextLink != null) {
            return Optional.empty();
        }
        for (ChannelSpec c : channels) {
            if (c.prevId() != null) {
                return Optional.of("channel '" + c.name() + "' specifies prev-id, but no next link found");
            }
        }
        return Optional.empty();
    }

    /** Returns whether the origin asked for a hold. */
    public boolean isHold() {
        return hold != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GripInstruction g && hold == g.hold && channels.equals(g.channels)
                && timeoutSeconds == g.timeoutSeconds && Objects.equals(keepAlive, g.keepAlive)
                && meta.equals(g.meta) && status == g.status && reason.equals(g.reason)
                && headers.equals(g.headers) && Arrays.equals(body, g.body) && Objects.equals(nextLink, g.nextLink)
                && Objects.equals(goneLink, g.goneLink);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hold, channels, timeoutSeconds, keepAlive, meta, status, reason, headers,
                Arrays.hashCode(body), nextLink, goneLink);
    }

    @Override
    public String toString() {
        return "GripInstruction[hold=" + hold + ", channels=" + channels + ", timeoutSeconds=" + timeoutSeconds
                + ", keepAlive=" + keepAlive + ", meta=" + meta + ", status=" + status + " " + reason
                + ", headers=" + headers + ", body=" + body.length + " bytes"
                + (nextLink == null ? "" : ", nextLink=" + nextLink) + (goneLink == null ? "" : ", goneLink=" + goneLink)
                + "]";
    }
}
