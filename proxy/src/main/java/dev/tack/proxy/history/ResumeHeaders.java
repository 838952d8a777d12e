package dev.tack.proxy.history;

import dev.tack.api.Header;
import dev.tack.proxy.engine.StreamRead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The response headers that tell a client how its resume went (docs/history.md "When history cannot help"):
 * <pre>
 * Tack-Resume: recovered
 * Tack-Resume: not-recovered; channel=news; reason=evicted
 * </pre>
 * and, on long-poll responses in {@code history_long_poll} mode, the position to ask from next time:
 * <pre>
 * Tack-Position: news:t1.k3x9qa7.42
 * </pre>
 * A browser's {@code EventSource} cannot read headers; {@code fetch}-based clients can, when a cross-origin
 * response exposes them: automatic CORS ({@code aco}) exposes every header a response carries, and where the origin
 * answers CORS itself Tack adds {@code Access-Control-Expose-Headers} with {@link #NAMES}.
 */
public final class ResumeHeaders {

    /** The outcome of a resume. */
    public static final String RESUME = "Tack-Resume";
    /** A long-poll response's position. */
    public static final String POSITION = "Tack-Position";
    /** Every header history adds, for {@code Access-Control-Expose-Headers}. */
    public static final List<String> NAMES = List.of(RESUME, POSITION);

    private ResumeHeaders() {
    }

    /**
     * The headers for a resume whose first failing channel (if any) is {@code channel} with {@code result}.
     *
     * @param cors whether the response allows cross-origin reads ({@code Access-Control-Allow-Origin}), so the
     *     headers must be exposed to scripts
     */
    static List<Header> outcome(String channel, StreamRead.Result result, boolean cors) {
        List<Header> headers = new ArrayList<>(2);
        headers.add(new Header(RESUME, result == null ? "recovered" : "not-recovered; channel="
                + Tokens.quote(channel) + "; reason=" + result.label().replace('_', '-')));
        if (cors) {
            headers.addAll(exposed());
        }
        return headers;
    }

    /** Only the header that exposes {@link #NAMES} to scripts. */
    static List<Header> exposed() {
        return List.of(new Header("Access-Control-Expose-Headers", String.join(", ", NAMES)));
    }

    /** Whether {@code headers} allow a cross-origin read. */
    static boolean allowsCors(List<Header> headers) {
        for (Header header : headers) {
            if (header.name().toLowerCase(Locale.ROOT).equals("access-control-allow-origin")) {
                return true;
            }
        }
        return false;
    }
}
