package dev.tack.api.grip;

import dev.tack.api.Header;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 */
public record GripInstruction(HoldMode hold, List<ChannelSpec> channels, int timeoutSeconds, KeepAlive keepAlive,
        Map<String, String> meta, int status, String reason, List<Header> headers, byte[] body) {

    public GripInstruction {
        channels = List.copyOf(channels);
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        Objects.requireNonNull(reason, "reason");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
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
                && headers.equals(g.headers) && Arrays.equals(body, g.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hold, channels, timeoutSeconds, keepAlive, meta, status, reason, headers,
                Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "GripInstruction[hold=" + hold + ", channels=" + channels + ", timeoutSeconds=" + timeoutSeconds
                + ", keepAlive=" + keepAlive + ", meta=" + meta + ", status=" + status + " " + reason
                + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}
