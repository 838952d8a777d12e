package dev.tack.proxy.server;

import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RouteTable;
import dev.tack.proxy.route.RoutesException;
import dev.tack.proxy.route.RoutesParser;
import dev.tack.proxy.time.TimeSource;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the routes file while Tack runs (docs/compatibility.md "Routes"), as Pushpin's {@code domainmap.cpp} and
 * {@code proxyapp.cpp} do: on {@code SIGHUP} at once, and one second after the file changed (editors write a file in
 * several steps; the second lets them finish). New requests use the new routes; requests in progress and held
 * connections keep the route they started with. A file that does not parse is refused as a whole with a log line
 * naming the line and what was expected, and the routes in force stay (Pushpin would skip just the bad lines).
 */
final class RoutesReloader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutesReloader.class);
    /** Pushpin's delay between a change of the file and reading it. */
    static final long SETTLE_MILLIS = 1000;

    private final Path file;
    private final AtomicReference<RouteTable> routes;
    private final Consumer<Route> added;
    private final TimeSource time;
    private final EventExecutor loop;
    private final AtomicBoolean pending = new AtomicBoolean();
    private WatchService watcher;
    private Thread watchThread;

    /**
     * @param routes where the routes in force are; replaced on a good reload
     * @param added told of each route of a reloaded file (to sign and count its requests); an {@link
     *     IllegalArgumentException} from it (a key that cannot be read) refuses the reload
     * @param loop where the settle timer runs and reloads happen
     */
    RoutesReloader(Path file, AtomicReference<RouteTable> routes, Consumer<Route> added, TimeSource time,
            EventExecutor loop) {
        this.file = file.toAbsolutePath();
        this.routes = routes;
        this.added = added;
        this.time = time;
        this.loop = loop;
    }

    /**
     * Reads the file again and puts its routes in force, or keeps the old ones when it cannot be read.
     *
     * @param why for the log, e.g. {@code SIGHUP}
     * @return whether the file's routes are in force now
     */
    boolean reload(String why) {
        List<Route> parsed;
        try {
            parsed = RoutesParser.parseFile(file, warning -> log.warn(warning));
        } catch (RoutesException e) {
            log.error("routes reload (" + why + ") refused, keeping the " + routes.get().routes().size()
                    + " routes in force: " + e.getMessage());
            return false;
        }
        try {
            parsed.forEach(added);
        } catch (IllegalArgumentException e) {
            log.error("routes reload (" + why + ") refused, keeping the " + routes.get().routes().size()
                    + " routes in force: " + e.getMessage());
            return false;
        }
        routes.set(new RouteTable(parsed));
        log.info("routes reloaded (" + why + ") from " + file + ": " + parsed.size() + " routes");
        return true;
    }

    /** Watches the file; a change reloads it {@value #SETTLE_MILLIS} ms later (several changes, once). */
    void watch() throws IOException {
        Path dir = file.getParent();
        watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        watchThread = new Thread(this::watchLoop, "tack-routes-watch");
        watchThread.setDaemon(true);
        watchThread.start();
    }

    private void watchLoop() {
        Path name = file.getFileName();
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
                }
                key.reset();
                if (ours) {
                    changed();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the server is stopping
        }
    }

    /** The file changed: reload once it settled, unless a reload is already due. */
    void changed() {
        if (pending.compareAndSet(false, true)) {
            log.info("routes file " + file + " changed, reloading in " + SETTLE_MILLIS + " ms");
            time.schedule(loop, () -> {
                pending.set(false);
                reload("file changed");
            }, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                log.debug("closing the routes watch: " + e);
            }
        }
        if (watchThread != null) {
            watchThread.interrupt();
        }
    }
}
