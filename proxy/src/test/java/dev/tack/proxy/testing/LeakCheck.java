package dev.tack.proxy.testing;

import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty reports a leaked buffer during it. Registered for every test class through
 * {@code META-INF/services} (JUnit extension auto-detection); the surefire configuration runs Netty's leak
 * detector at {@code paranoid}, so every buffer is tracked. Netty reports leaks through SLF4J (to Logback in
 * the tests); the check fails loudly if Netty logs anywhere else, where it could not see them.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {

    private static final Logger DETECTOR = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final List<String> leaks = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> handler = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getFormattedMessage().contains("LEAK")) {
                synchronized (leaks) {
                    leaks.add(event.getFormattedMessage());
                }
            }
        }
    };

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!(InternalLoggerFactory.getDefaultFactory() instanceof Slf4JLoggerFactory)) {
            fail("Netty logs through " + InternalLoggerFactory.getDefaultFactory().getClass().getName()
                    + ", not SLF4J: its leak reports would go unseen");
        }
        synchronized (leaks) {
            // One instance serves every class (auto-detected extension): each class reports its own leaks only.
            leaks.clear();
        }
        handler.setContext(DETECTOR.getLoggerContext());
        handler.start();
        DETECTOR.addAppender(handler);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Leaks are reported when a leaked buffer has been collected and a later allocation looks.
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 200; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                pooled.release();
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
                unpooled.release();
            }
        }
        DETECTOR.detachAppender(handler);
        handler.stop();
        synchronized (leaks) {
            if (!leaks.isEmpty()) {
                fail("Netty reported " + leaks.size() + " leaked buffer(s) in " + context.getDisplayName() + ":\n"
                        + String.join("\n", leaks));
            }
        }
    }
}
