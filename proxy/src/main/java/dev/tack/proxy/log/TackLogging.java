package dev.tack.proxy.log;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.logging.Handler;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.slf4j.event.Level;

/**
 * Sets up logging for the {@code tack} command: everything goes through SLF4J to standard output, in
 * Pushpin's line format or as JSON ({@link LogFormat}), at the level Pushpin's numbers name: 0 error,
 * 1 warning, 2 info, 3 debug, 4 and up trace. java.util.logging records (the JDK's, and code that still uses
 * it) are bridged to SLF4J, and Netty logs through SLF4J too; the libraries' debug chatter (Netty's allocator
 * settings, the JDK's certificate list, and the like) is held back to info unless the level is 4.
 *
 * <p>When the SLF4J binding is Logback (as in {@code tack.jar} and the distribution) it is configured in code;
 * with any other binding (a program that embeds Tack and brings its own) that binding's configuration is left
 * alone. {@link #close()} undoes what {@link #install} did (tests use that).
 */
public final class TackLogging implements AutoCloseable {
    private final LogbackSetup logback;
    private final List<Handler> julHandlers;
    private final java.util.logging.Level julLevel;

    private TackLogging(LogbackSetup logback) {
        this.logback = logback;
        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        this.julHandlers = List.of(julRoot.getHandlers());
        this.julLevel = julRoot.getLevel();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        InternalLoggerFactory.setDefaultFactory(Slf4JLoggerFactory.INSTANCE);
    }

    /** Logs every event at or above {@code pushpinLevel} to standard output in {@code format}. */
    public static TackLogging install(int pushpinLevel, LogFormat format) {
        // Standard output, not error: tools that run Pushpin read its log lines there.
        final PrintStream stdout = System.out;
        return install(pushpinLevel, format, stdout);
    }

    /** Logs every event at or above {@code pushpinLevel} to {@code out} (UTF-8, flushed per event). */
    public static TackLogging install(int pushpinLevel, LogFormat format, OutputStream out) {
        return new TackLogging(LogbackSetup.active() ? LogbackSetup.install(pushpinLevel, format, out) : null);
    }

    /**
     * Changes the level and format, writing to {@code out} from now on. The composition root installs logging
     * before it reads the config (so that config warnings are logged in the right shape) and calls this once it
     * knows the configured level and format.
     */
    public void reconfigure(int pushpinLevel, LogFormat format, OutputStream out) {
        if (logback != null) {
            logback.configure(pushpinLevel, format, out);
        }
    }

    /** Returns the SLF4J level for a Pushpin level (0 error ... 3 debug, 4+ trace). */
    public static Level level(int pushpinLevel) {
        if (pushpinLevel <= 0) {
            return Level.ERROR;
        }
        switch (pushpinLevel) {
            case 1:
                return Level.WARN;
            case 2:
                return Level.INFO;
            case 3:
                return Level.DEBUG;
            default:
                return Level.TRACE;
        }
    }

    /** Puts back the Logback appenders and levels, and the java.util.logging handlers, found at install. */
    @Override
    public void close() {
        if (logback != null) {
            logback.restore();
        }
        SLF4JBridgeHandler.uninstall();
        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        julHandlers.forEach(julRoot::addHandler);
        julRoot.setLevel(julLevel);
    }
}
