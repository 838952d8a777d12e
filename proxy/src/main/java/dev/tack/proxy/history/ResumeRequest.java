package dev.tack.proxy.history;

import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.engine.StreamRead;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client asks to get back when it connects (docs/history.md "Asking for what was missed"), read from its
 * request, which still goes to the origin unchanged:
 * <ul>
 * <li>a position: the {@code Last-Event-ID} header (a browser's {@code EventSource} sends it when it reconnects),
 * else the {@code last_event_id}, {@code lastEventId} or {@code recover} query parameter (a first connection, a
 * polyfill, a WebSocket). The header wins: a reconnecting {@code EventSource} keeps its URL, query and all;</li>
 * <li>else a rewind: {@code rewind=5} (the last 5 items) or {@code rewind=30s} (the last 30 seconds).</li>
 * </ul>
 * A position is one value for every channel of the connection: a composite {@code <channel>:<id>,...} gives each
 * channel its own; a bare value (a publisher id, or Tack's token) applies to each channel in turn.
 */
public final class ResumeRequest {

    /** A request that asks for nothing. */
    public static final ResumeRequest NONE = new ResumeRequest(null, null);

    /** Longer values are refused, not looked up. */
    static final int MAX_POSITION_CHARS = 4096;
    private static final Pattern REWIND = Pattern.compile("([0-9]{1,9})(s?)");

    private final String position;
    private final String rewind;

    private ResumeRequest(String position, String rewind) {
        this.position = position;
        this.rewind = rewind;
    }

    /**
     * Reads a request.
     *
     * @param uri the request target (path and query)
     * @param lastEventId the {@code Last-Event-ID} header, or null
     */
    public static ResumeRequest of(String uri, String lastEventId) {
        if (lastEventId != null && !lastEventId.isEmpty()) {
            return new ResumeRequest(lastEventId, null);
        }
        if (uri.indexOf('?') < 0) {
            return NONE;
        }
        Map<String, List<String>> query = new QueryStringDecoder(uri).parameters();
        for (String name : List.of("last_event_id", "lastEventId", "recover")) {
            List<String> values = query.get(name);
            if (values != null && !values.get(0).isEmpty()) {
                return new ResumeRequest(values.get(0), null);
            }
        }
        List<String> rewind = query.get("rewind");
        return rewind == null ? NONE : new ResumeRequest(null, rewind.get(0));
    }

    /** A request for the items after {@code position} (tests, and callers with a value of their own). */
    public static ResumeRequest after(String position) {
        return new ResumeRequest(position, null);
    }

    /** Whether the client asked for nothing. */
    public boolean isNone() {
        return position == null && rewind == null;
    }

    /**
     * What to read for {@code channel}: a query, or a result the request already decides.
     *
     * @param replayMax {@code history_replay_max}: a rewind asks for no more
     */
    Plan plan(String channel, int replayMax) {
        if (rewind != null) {
            Matcher m = REWIND.matcher(rewind);
            if (!m.matches()) {
                return Plan.decided(StreamRead.Result.INVALID);
            }
            long amount = Long.parseLong(m.group(1));
            return new Plan(m.group(2).isEmpty() ? new StreamQuery.Last((int) Math.min(amount, replayMax))
                    : new StreamQuery.Since(amount * 1000), null);
        }
        if (position.length() > MAX_POSITION_CHARS) {
            return Plan.decided(StreamRead.Result.INVALID);
        }
        String value = position;
        Map<String, String> parts = Tokens.parseComposite(position);
        if (parts != null && parts.containsKey(channel)) {
            value = parts.get(channel);
        } else if (parts != null && position.indexOf(',') >= 0) {
            // A composite of several channels that does not name this one: nothing to resume it from.
            return Plan.decided(StreamRead.Result.UNKNOWN_POSITION);
        }
        if (value.isEmpty()) {
            return Plan.decided(StreamRead.Result.UNKNOWN_POSITION);
        }
        return new Plan(new StreamQuery.After(Tokens.parseToken(value), value), null);
    }

    /**
     * For one channel: the query to read, and, when the request already decides the outcome (a bad rewind, a
     * composite without this channel), that result; the query is then only the top.
     */
    record Plan(StreamQuery query, StreamRead.Result decided) {
        static final StreamQuery TOP = new StreamQuery.Top();

        static Plan decided(StreamRead.Result result) {
            return new Plan(TOP, result);
        }
    }

    /** For log lines: the value, cut to 100 characters. */
    @Override
    public String toString() {
        String text = position != null ? "after " + position : rewind != null ? "rewind " + rewind : "nothing";
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
