package dev.tack.proxy.origin;

import dev.tack.proxy.route.Target;
import java.util.List;

/**
 * Why an origin call ended without a response, as a value the caller turns into what its client sees (a
 * {@code 502}, a WebSocket close, a retry of its own).
 *
 * @param kind what went wrong
 * @param detail for the log and for debug routes, e.g. {@code no response within 120000 ms}
 * @param tried the targets tried, in order (Pushpin's debug text lists them)
 */
public record OriginFailure(Kind kind, String detail, List<Target> tried) {

    /** What went wrong. */
    public enum Kind {
        /** No target could be reached (connect error, connect timeout, TLS failure), retries included. */
        UNREACHABLE,
        /** The head or the buffered body did not arrive in time. */
        TIMEOUT,
        /** A buffered body was larger than the call's limit. */
        TOO_LARGE,
        /** The answer broke HTTP (a bad head, bad chunking, a {@code 101} nobody asked for). */
        MALFORMED,
        /** The origin closed the connection before its answer was complete. */
        CLOSED
    }

    public OriginFailure {
        tried = List.copyOf(tried);
    }

    /**
     * What a debug route tells the client, as Pushpin words it ({@code proxysession.cpp tryNextTarget}): for an
     * unreachable origin {@code Unable to connect to any targets. Tried: a:1, b:2}, otherwise the detail.
     */
    public String describe() {
        return kind == Kind.UNREACHABLE ? "Unable to connect to any targets. Tried: " + joined() : detail;
    }

    /** {@link #describe()} with the reason of an unreachable origin too, for logs. */
    public String logText() {
        return kind == Kind.UNREACHABLE ? describe() + " (" + detail + ")" : detail;
    }

    private String joined() {
        StringBuilder out = new StringBuilder();
        for (Target target : tried) {
            out.append(out.length() == 0 ? "" : ", ").append(target);
        }
        return out.toString();
    }
}
