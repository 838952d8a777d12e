package dev.tack.proxy.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Collects what one logger (and the loggers below it) logs while it is open, through Logback, the binding the
 * tests run with. The captured lines stay out of the build output.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final boolean previousAdditive;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    /** Captures {@code name} (a package or class name) at every level. */
    public LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        previous = logger.getLevel();
        previousAdditive = logger.isAdditive();
        setContext(logger.getLoggerContext());
        setName("capture");
        start();
        logger.addAppender(this);
        logger.setLevel(Level.ALL);
        logger.setAdditive(false);
    }

    /** The formatted messages logged at exactly {@code level}. */
    public List<String> messages(Level level) {
        return events.stream().filter(e -> e.getLevel().equals(level)).map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.toList());
    }

    public List<String> warnings() {
        return messages(Level.WARN);
    }

    /** Every captured event. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(previous);
        logger.setAdditive(previousAdditive);
        stop();
    }
}
