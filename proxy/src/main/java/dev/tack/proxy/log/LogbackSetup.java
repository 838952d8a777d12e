package dev.tack.proxy.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.LoggerFactory;

/**
 * Sets Logback up in code (no {@code logback.xml}, so nothing in Tack's jar overrides an embedder's file): one
 * appender on the root logger writing each event whole and flushed to the given stream, in Pushpin's line
 * format or as JSON, and a {@link LevelChangePropagator} so that java.util.logging loggers get Logback's levels
 * and a disabled JUL record costs a level check. Loaded only when Logback is the SLF4J binding.
 *
 * <p>{@link #restore()} puts back the root logger's appenders and levels found at install time (tests use
 * that; an appender another piece of code put on a specific logger is left alone throughout).
 */
final class LogbackSetup {
    /**
     * Libraries whose debug lines (Netty's allocator settings, the JDK's list of trusted certificates, ...) show
     * only at trace: at debug ({@code --verbose}) the lines are Tack's own, as Pushpin's are.
     */
    private static final List<String> LIBRARIES = List.of("io.netty", "io.micrometer", "org.zeromq", "jdk", "sun",
            "javax", "java");

    private final LoggerContext context;
    private final Logger root;
    private final Map<Logger, Level> libraries = new LinkedHashMap<>();
    private final List<Appender<ILoggingEvent>> previousAppenders = new ArrayList<>();
    private final Level previousRootLevel;
    private final LevelChangePropagator propagator = new LevelChangePropagator();
    private OutputStreamAppender<ILoggingEvent> appender;

    private LogbackSetup(LoggerContext context) {
        this.context = context;
        this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        this.previousRootLevel = root.getLevel();
        for (String name : LIBRARIES) {
            Logger library = context.getLogger(name);
            libraries.put(library, library.getLevel());
        }
    }

    /** Whether SLF4J is bound to Logback in this process. */
    static boolean active() {
        return LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext");
    }

    static LogbackSetup install(int pushpinLevel, LogFormat format, OutputStream out) {
        LogbackSetup setup = new LogbackSetup((LoggerContext) LoggerFactory.getILoggerFactory());
        for (Iterator<Appender<ILoggingEvent>> it = setup.root.iteratorForAppenders(); it.hasNext(); ) {
            setup.previousAppenders.add(it.next());
        }
        setup.previousAppenders.forEach(setup.root::detachAppender);
        setup.propagator.setContext(setup.context);
        setup.propagator.setResetJUL(true);
        setup.propagator.start();
        setup.context.addListener(setup.propagator);
        setup.configure(pushpinLevel, format, out);
        return setup;
    }

    /** Replaces the appender and levels: a new format, level or stream takes effect for the next event. */
    void configure(int pushpinLevel, LogFormat format, OutputStream out) {
        OutputStreamAppender<ILoggingEvent> next = new OutputStreamAppender<>();
        next.setContext(context);
        next.setName("tack");
        next.setEncoder(encoder(format));
        next.setImmediateFlush(true);
        next.setOutputStream(new KeepOpen(out));
        next.start();
        root.addAppender(next);
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
        appender = next;
        root.setLevel(Level.convertAnSLF4JLevel(TackLogging.level(pushpinLevel)));
        // At debug the root would let the libraries' debug chatter through; only trace (4+) shows it.
        libraries.keySet().forEach(library -> library.setLevel(pushpinLevel == 3 ? Level.INFO : null));
    }

    private Encoder<ILoggingEvent> encoder(LogFormat format) {
        if (format == LogFormat.JSON) {
            LogstashEncoder json = new LogstashEncoder();
            json.setContext(context);
            LogstashFieldNames names = json.getFieldNames();
            names.setTimestamp("time");
            names.setLogger("logger");
            names.setThread("thread");
            names.setStackTrace("stack_trace");
            names.setVersion(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
            names.setLevelValue(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
            json.setIncludeContext(false);
            json.setIncludeKeyValuePairs(true);
            json.start();
            return json;
        }
        LayoutWrappingEncoder<ILoggingEvent> lines = new LayoutWrappingEncoder<>();
        lines.setContext(context);
        lines.setCharset(StandardCharsets.UTF_8);
        PushpinLayout layout = new PushpinLayout(ZoneId.systemDefault());
        layout.setContext(context);
        layout.start();
        lines.setLayout(layout);
        lines.start();
        return lines;
    }

    /**
     * The stream as the appender sees it: stopping an appender closes its stream, and the stream (standard output)
     * belongs to the caller, who may log to it again through the next appender.
     */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Detaches Tack's appender and puts back the appenders and levels found at install time. */
    void restore() {
        context.removeListener(propagator);
        propagator.stop();
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
            appender = null;
        }
        previousAppenders.forEach(root::addAppender);
        root.setLevel(previousRootLevel);
        libraries.forEach(Logger::setLevel);
    }
}
