package dev.tack.proxy.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer during it. Registered for every test class through
 * {@code META-INF/services} (JUnit extension auto-detection); the surefire configuration runs Netty's leak
 * detector at {@code paranoid}, so every buffer is tracked.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {

    private static final Logger DETECTOR = Logger.getLogger(ResourceLeakDetector.class.getName());
    private final List<String> leaks = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue() && String.valueOf(record.getMessage()).contains("LEAK")) {
                synchronized (leaks) {
                    leaks.add(record.getMessage() + " " + (record.getParameters() == null ? ""
                            : java.util.Arrays.toString(record.getParameters())));
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void beforeAll(ExtensionContext context) {
        DETECTOR.addHandler(handler);
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
        DETECTOR.removeHandler(handler);
        synchronized (leaks) {
            if (!leaks.isEmpty()) {
                fail("Netty reported " + leaks.size() + " leaked buffer(s) in " + context.getDisplayName() + ":\n"
                        + String.join("\n", leaks));
            }
        }
    }
}
