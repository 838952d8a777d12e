package dev.tack.proxy.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Lays a log event out as Pushpin does ({@code src/core/log.rs}), in local time, with the event's key-value
 * pairs (a connection id, a route) after the message as {@code key=value}, the way Pushpin's request log writes
 * {@code route=<id>}:
 * <pre>
 * [INFO] 2024-02-05 17:25:00.874 [tack] control: POST /publish/ code=200 10 items=1
 * [DEBUG] 2024-02-05 17:25:01.002 [tack] client failed: Connection reset conn=5f1c2a0e route=chat
 * </pre>
 * The level is {@code ERR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}. A thrown exception
 * follows on the next lines, with its causes, as the JDK prints them.
 */
final class PushpinLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    /** A cause chain longer than this is a loop or a bug; the rest is cut to keep the log readable. */
    private static final int MAX_THROWABLE_CHARS = 64 * 1024;

    private final DateTimeFormatter time;

    PushpinLayout(ZoneId zone) {
        this.time = TIME.withZone(zone);
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(128)
                .append('[').append(levelName(event.getLevel())).append("] ")
                .append(time.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append(" [tack] ")
                .append(event.getFormattedMessage());
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                out.append(' ').append(pair.key).append('=');
                appendValue(out, String.valueOf(pair.value));
            }
        }
        out.append('\n');
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            String trace = ThrowableProxyUtil.asString(thrown);
            if (trace.length() > MAX_THROWABLE_CHARS) {
                trace = trace.substring(0, MAX_THROWABLE_CHARS) + "\n\t... (cut)";
            }
            out.append(trace).append('\n');
        }
        return out.toString();
    }

    /** Returns Pushpin's name for a level: ERROR is ERR; the others keep their names. */
    static String levelName(Level level) {
        return level.toInt() >= Level.ERROR_INT ? "ERR" : level.levelStr;
    }

    /** Quotes a value that would otherwise not read back as one token. */
    private static void appendValue(StringBuilder out, String value) {
        boolean plain = !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c < 127);
        if (plain) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c == '\n' ? ' ' : c);
        }
        out.append('"');
    }
}
