package dev.tack.proxy.log;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Points java.util.logging at standard output in Pushpin's format ({@link LogLineFormatter}) and sets the
 * level from Pushpin's numbers: 0 error, 1 warning, 2 info, 3 debug, 4 and up trace. Netty logs through
 * java.util.logging too; its own debug chatter (allocator and leak-detector settings, and the like) is
 * held back to info unless the level is 4.
 *
 * <p>{@link #install(int)} replaces the root logger's handlers; {@link #close()} puts them back (tests use
 * that). The instance also keeps the Netty logger alive: java.util.logging holds loggers weakly, and a
 * collected logger would forget its level.
 */
public final class TackLogging implements AutoCloseable {
    private final Logger root;
    private final Logger netty;
    private final Handler handler;
    private final List<Handler> previousHandlers;
    private final Level previousLevel;

    private TackLogging(int pushpinLevel, OutputStream out) {
        this.root = Logger.getLogger("");
        this.netty = Logger.getLogger("io.netty");
        this.previousHandlers = List.of(root.getHandlers());
        this.previousLevel = root.getLevel();
        this.handler = new LineHandler(out);
        previousHandlers.forEach(root::removeHandler);
        root.addHandler(handler);
        root.setLevel(julLevel(pushpinLevel));
        netty.setLevel(pushpinLevel == 3 ? Level.INFO : null); // at 3 the root would let Netty's FINE through
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }

    /** Sends every log record at or above {@code pushpinLevel} to standard output. */
    public static TackLogging install(int pushpinLevel) {
        // Standard output, not error: tools that run Pushpin read its log lines there.
        final PrintStream stdout = System.out;
        return install(pushpinLevel, stdout);
    }

    /** Sends every log record at or above {@code pushpinLevel} to {@code out}, UTF-8, flushed per line. */
    public static TackLogging install(int pushpinLevel, OutputStream out) {
        return new TackLogging(pushpinLevel, out);
    }

    /** Returns the java.util.logging level for a Pushpin level (0 error ... 3 debug, 4+ trace). */
    public static Level julLevel(int pushpinLevel) {
        if (pushpinLevel <= 0) {
            return Level.SEVERE;
        }
        switch (pushpinLevel) {
            case 1:
                return Level.WARNING;
            case 2:
                return Level.INFO;
            case 3:
                return Level.FINE;
            default:
                return Level.ALL;
        }
    }

    /** Removes Tack's handler and restores the handlers and level found at {@link #install(int)}. */
    @Override
    public void close() {
        root.removeHandler(handler);
        handler.close();
        previousHandlers.forEach(root::addHandler);
        root.setLevel(previousLevel);
        netty.setLevel(null);
    }

    /** Writes each record whole and flushes it, so that a reader sees a line as soon as it is logged. */
    private static final class LineHandler extends Handler {
        private final OutputStream out;

        LineHandler(OutputStream out) {
            this.out = out;
            setFormatter(new LogLineFormatter());
            setLevel(Level.ALL);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            try {
                out.write(getFormatter().format(record).getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (Exception e) {
                reportError("cannot write log line", e, ErrorManager.WRITE_FAILURE);
            }
        }

        @Override
        public synchronized void flush() {
            try {
                out.flush();
            } catch (Exception e) {
                reportError("cannot flush log", e, ErrorManager.FLUSH_FAILURE);
            }
        }

        @Override
        public void close() {
            flush(); // the stream (standard output) belongs to the caller; never close it here
        }
    }
}
