package dev.tack.proxy;

import dev.tack.proxy.server.TackServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * How the {@code tack} command stops (docs/reliability.md "Graceful drain"). The first {@code SIGTERM} or
 * {@code SIGINT} starts the drain: no new clients, every held connection ended cleanly within {@code [tack]
 * drain_window}, then the rest closed and the process exits with 0. A second signal during the drain exits at once
 * (status 128 + the signal's number), for an operator or supervisor who will not wait.
 *
 * <p>The handlers are installed with {@code sun.misc.Signal} (module {@code jdk.unsupported}): a shutdown hook runs
 * only once and cannot see a second signal, which then blocks inside the JVM's own exit. A shutdown hook still
 * closes the server when the JVM exits for another reason.
 */
final class Shutdown {

    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);
    /** Time for the close after the drain (listeners, loops). */
    private static final long CLOSE_SECONDS = 15;

    private Shutdown() {
    }

    static void install(TackServer server, CountDownLatch stopped) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (!stopping.compareAndSet(false, true)) {
                    log.warn("SIG{} again: stopping at once", signal.getName());
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
                Thread drain = new Thread(() -> drainThenClose(server, signal.getName(), stopped), "tack-drain");
                drain.setDaemon(true);
                drain.start();
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tack-shutdown"));
    }

    private static void drainThenClose(TackServer server, String signal, CountDownLatch stopped) {
        log.info("SIG{}: stopping; draining {} client connections over {} ms (send the signal again to stop at once)",
                signal, server.openClientConnections(), server.drainMillis());
        try {
            server.drain().get(server.drainMillis() + TimeUnit.SECONDS.toMillis(CLOSE_SECONDS), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("drain did not finish: " + e);
        }
        log.info("stopping");
        server.close();
        log.info("stopped");
        stopped.countDown();
    }
}
