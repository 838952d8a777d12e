package dev.tack.api.grip;

import dev.tack.api.Header;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The instructions gathered so far, while headers and then the grip-instruct body are read. Lives on the
 * parsing thread only; {@link #build()} applies defaults and limits once.
 */
final class InstructBuilder {
    // Framing and hop-by-hop headers the client never gets from the origin as is (docs/compatibility.md "GRIP
    // instructions", "Errors clients see").
    private static final Set<String> NEVER_RELAYED = Set.of(
            "connection", "keep-alive", "transfer-encoding", "content-encoding", "content-length");

    HoldMode hold;
    final List<ChannelSpec> channels = new ArrayList<>();
    Integer timeoutSeconds;
    byte[] keepAliveData;
    Integer keepAliveTimeout;
    KeepAliveMode keepAliveMode;
    final Map<String, String> meta = new LinkedHashMap<>();
    int status;
    String reason;
    List<Header> headers;
    byte[] body;
    NextLink nextLink;
    URI goneLink;

    InstructBuilder(int status, String reason, List<Header> headers, byte[] body) {
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.body = body;
    }

    GripInstruction build() {
        Set<String> seen = new LinkedHashSet<>();
        List<ChannelSpec> unique = new ArrayList<>();
        for (ChannelSpec c : channels) {
            if (seen.add(c.name())) {
                unique.add(c);
            }
        }

        int timeout = Math.max(timeoutSeconds == null ? GripInstructionParser.DEFAULT_TIMEOUT : timeoutSeconds,
                GripInstructionParser.MIN_TIMEOUT);

        // Writing nothing on a timer is the same as having no keep-alive (e.g. a JSON keep-alive without content).
        KeepAlive keepAlive = null;
        if (keepAliveTimeout != null && keepAliveData != null && keepAliveData.length > 0) {
            // Unset mode (JSON instruct has none) leaves Pushpin's timer alone on publish: interval behaviour.
            keepAlive = new KeepAlive(keepAliveData, Math.max(keepAliveTimeout, 1),
                    keepAliveMode == null ? KeepAliveMode.INTERVAL : keepAliveMode);
        }

        List<Header> visible = new ArrayList<>(headers.size());
        for (Header h : headers) {
            if (!isGripHeader(h.name()) && !NEVER_RELAYED.contains(h.name().toLowerCase(Locale.ROOT))) {
                visible.add(h);
            }
        }

        String finalReason = reason == null || reason.isEmpty() ? StatusReasons.reasonFor(status) : reason;
        return new GripInstruction(hold, unique, timeout, keepAlive, meta, status, finalReason, visible, body,
                nextLink, goneLink);
    }

    static boolean isGripHeader(String name) {
        return name.regionMatches(true, 0, "Grip-", 0, 5);
    }
}
