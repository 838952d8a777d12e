package dev.tack.proxy.log;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats a log record as Pushpin does ({@code src/core/log.rs}), in local time:
 * <pre>
 * [INFO] 2024-02-05 17:25:00.874 [tack] control: POST /publish/ code=200 10 items=1
 * </pre>
 * The level is {@code ERR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}. A thrown exception
 * follows on the next lines, with its causes.
 */
public final class LogLineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final DateTimeFormatter time;

    /** Formats times in the system's time zone. */
    public LogLineFormatter() {
        this(ZoneId.systemDefault());
    }

    LogLineFormatter(ZoneId zone) {
        this.time = TIME.withZone(zone);
    }

    @Override
    public String format(LogRecord record) {
        final StringBuilder out = new StringBuilder(128)
                .append('[').append(levelName(record.getLevel())).append("] ")
                .append(time.format(record.getInstant()))
                .append(" [tack] ")
                .append(formatMessage(record))
                .append('\n');
        if (record.getThrown() != null) {
            appendThrowable(out, record.getThrown());
        }
        return out.toString();
    }

    /** Returns Pushpin's name for a level: SEVERE is ERR, WARNING is WARN, CONFIG and FINE are DEBUG. */
    public static String levelName(Level level) {
        final int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERR";
        } else if (v >= Level.WARNING.intValue()) {
            return "WARN";
        } else if (v >= Level.INFO.intValue()) {
            return "INFO";
        } else if (v >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** Writes the exception, its stack and its causes, one frame per line, as the JDK prints them. */
    private static void appendThrowable(StringBuilder out, Throwable thrown) {
        String prefix = "";
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(prefix).append(t).append('\n');
            for (final StackTraceElement frame : t.getStackTrace()) {
                out.append("\tat ").append(frame).append('\n');
            }
            prefix = "Caused by: ";
            if (out.length() > 64 * 1024) {
                out.append("\t... (cut)\n"); // a cause chain this long is a loop or a bug; keep the log readable
                return;
            }
        }
    }
}
