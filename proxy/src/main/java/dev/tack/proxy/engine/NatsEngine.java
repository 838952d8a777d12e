package dev.tack.proxy.engine;

import dev.tack.api.publish.PublishItem;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The NATS engine (docs/scale-out.md "NATS"): core NATS through jnats. Each channel is one subject,
 * {@code <prefix>.ch.<escaped channel>} ({@link BusNames}); a node subscribes only to the subjects of channels it
 * has listeners on, and NATS routes a message only to connections (and, in a cluster, to servers) that showed
 * interest in its subject. Delivery is at most once, as core NATS is: nothing is stored, so what is published
 * while a node is disconnected is lost for it, and the node runs {@code recover} on its channels when it is back.
 *
 * <p>The first connection is tried here, on a thread of the engine's own, again and again with backoff while NATS
 * is down at start; after that jnats reconnects by itself (with the same backoff) and subscribes every subject
 * again, and this class follows its connection events. State is guarded by {@code this}; jnats calls come from its
 * own threads.
 */
final class NatsEngine implements Engine, ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(NatsEngine.class);
    private static final int LANE_MESSAGES = 50_000;
    private static final long LANE_BYTES = 64L * 1024 * 1024;
    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    private final EngineSettings settings;
    private final EventLoopGroup loops;
    private final EngineStats stats;
    private final BusNames names;
    private final CompletableFuture<Void> firstUp = new CompletableFuture<>();
    private final Set<String> wanted = new HashSet<>();
    private final Backoff backoff = new Backoff();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tack-engine-nats");
        thread.setDaemon(true);
        return thread;
    });
    private Options options;
    private int failures;
    private Inbox inbox;
    private EngineListener listener;
    private Connection connection;
    private Dispatcher dispatcher;
    private volatile boolean up;
    private boolean everUp;
    private boolean closed;

    NatsEngine(EngineSettings settings, EventLoopGroup loops, EngineStats stats) {
        this.settings = settings;
        this.loops = loops;
        this.stats = stats;
        this.names = new BusNames(settings.prefix());
    }

    @Override
    public String kind() {
        return "nats";
    }

    @Override
    public String describe() {
        return "nats engine (" + settings.describeUrls() + ")";
    }

    @Override
    public CompletionStage<Void> start(EngineListener engineListener) {
        synchronized (this) {
            listener = engineListener;
            inbox = new Inbox(loops, engineListener, stats, LANE_MESSAGES, LANE_BYTES);
            wanted.add(names.control());
        }
        options = new Options.Builder()
                .servers(settings.urls().stream().map(URI::toString).toArray(String[]::new))
                .connectionName(settings.nodeName())
                .maxReconnects(-1)
                .reconnectDelayHandler(rounds -> Duration.ofMillis(Math.min(Backoff.MAX_MILLIS,
                        Backoff.FIRST_MILLIS << Math.min(rounds, 16))))
                .connectionTimeout(Duration.ofSeconds(2))
                .connectionListener(this)
                .errorListener(new ErrorListener() {
                    @Override
                    public void exceptionOccurred(Connection conn, Exception exp) {
                        log.debug("engine nats: " + exp);
                    }
                })
                .build();
        connector.execute(this::connect);
        return firstUp;
    }

    private void connect() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        try {
            Nats.connect(options);
        } catch (IOException e) {
            long delay = backoff.nextDelayMillis();
            failures++;
            Level level = failures == 1 ? Level.WARN : Level.DEBUG;
            if (log.isEnabledForLevel(level)) {
                log.atLevel(level).log(describe() + ": cannot connect (" + e.getMessage()
                        + "); retrying in " + delay + " ms; publishes are refused until it is up");
            }
            connector.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void connectionEvent(Connection conn, Events type) {
        // Confirming subscriptions waits for the server, which must not happen on jnats's own threads.
        switch (type) {
            case CONNECTED -> connector.execute(() -> connected(conn));
            case DISCONNECTED -> disconnected();
            case RECONNECTED, RESUBSCRIBED -> connector.execute(() -> back(conn));
            case CLOSED -> up = false;
            default -> log.debug("engine nats: " + type.getEvent());
        }
    }

    private void connected(Connection conn) {
        List<String> subjects;
        synchronized (this) {
            connection = conn;
            if (closed) {
                new Thread(() -> closeQuietly(conn), "tack-engine-nats-close").start();
                return;
            }
            dispatcher = conn.createDispatcher(message -> inbox.offer(message.getSubject().hashCode(),
                    message.getData()));
            subjects = List.copyOf(wanted);
            subjects.forEach(dispatcher::subscribe);
        }
        if (!confirmed(conn)) {
            connector.schedule(() -> connected(conn), 1, TimeUnit.SECONDS);
            return;
        }
        up = true;
        synchronized (this) {
            everUp = true;
        }
        log.info(describe() + ": connected to " + conn.getConnectedUrl() + ", "
                + (subjects.size() - 1) + " channels subscribed");
        firstUp.complete(null);
        listener.onEvent(EngineEvent.UP, Set.of());
    }

    private void disconnected() {
        boolean wasUp = up;
        up = false;
        if (wasUp) {
            stats.downs.increment();
            log.warn(describe() + ": lost; publishes are refused until it is back");
            listener.onEvent(EngineEvent.DOWN, Set.of());
        }
    }

    /** Reconnected: jnats has sent every subscription again; once the server confirms them, the node recovers. */
    private void back(Connection conn) {
        Set<String> channels = new HashSet<>();
        synchronized (this) {
            if (up || !everUp || closed) {
                return;
            }
            for (String subject : wanted) {
                String channel = names.fromNats(subject);
                if (channel != null) {
                    channels.add(channel);
                }
            }
        }
        if (!confirmed(conn)) {
            connector.schedule(() -> back(conn), 1, TimeUnit.SECONDS);
            return;
        }
        synchronized (this) {
            if (up) {
                return;
            }
            up = true;
        }
        stats.resubscribes.increment();
        log.info(describe() + ": back on " + conn.getConnectedUrl() + "; resubscribed "
                + channels.size() + " channels");
        listener.onEvent(EngineEvent.RESUBSCRIBED, channels);
    }

    /** Waits until the server has processed everything sent so far (a PING/PONG round trip). */
    private static boolean confirmed(Connection conn) {
        try {
            conn.flush(Duration.ofSeconds(5));
            return true;
        } catch (TimeoutException e) {
            log.warn("engine nats: the server did not confirm the subscriptions in 5 s; waiting for a reconnect");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean up() {
        return up;
    }

    @Override
    public synchronized void subscribe(java.util.Collection<String> channels) {
        for (String channel : channels) {
            String subject = names.nats(channel);
            if (wanted.add(subject) && dispatcher != null) {
                dispatcher.subscribe(subject);
            }
        }
    }

    @Override
    public synchronized void unsubscribe(java.util.Collection<String> channels) {
        for (String channel : channels) {
            String subject = names.nats(channel);
            if (wanted.remove(subject) && dispatcher != null) {
                dispatcher.unsubscribe(subject);
            }
        }
    }

    @Override
    public int connections() {
        return connectionIfUp() == null ? 0 : 1;
    }

    @Override
    public synchronized int subscribedChannels() {
        return Math.max(0, wanted.size() - 1);
    }

    @Override
    public CompletionStage<Void> publish(List<PublishItem> items) {
        List<String> subjects = new java.util.ArrayList<>(items.size());
        List<byte[]> messages = new java.util.ArrayList<>(items.size());
        for (PublishItem item : items) {
            subjects.add(names.nats(item.channel()));
            messages.add(BusCodec.encode(item, settings.nodeName()));
        }
        return send(subjects, messages);
    }

    @Override
    public CompletionStage<Void> command(NodeCommand command) {
        return send(List.of(names.control()), List.of(BusCodec.encode(command, settings.nodeName())));
    }

    /** Hands the messages to jnats, which sends them in order; refused at once while down. */
    private CompletionStage<Void> send(List<String> subjects, List<byte[]> messages) {
        Connection conn = connectionIfUp();
        if (conn == null) {
            return refused();
        }
        try {
            for (int i = 0; i < subjects.size(); i++) {
                conn.publish(subjects.get(i), messages.get(i));
                stats.published.increment();
            }
        } catch (IllegalStateException e) {
            return refused();
        }
        return DONE;
    }

    private synchronized Connection connectionIfUp() {
        return up ? connection : null;
    }

    private CompletionStage<Void> refused() {
        stats.refused.increment();
        return CompletableFuture.failedStage(new EngineUnavailableException("the " + describe() + " is down"));
    }

    @Override
    public void close() {
        Connection conn;
        synchronized (this) {
            closed = true;
            up = false;
            conn = connection;
        }
        connector.shutdownNow();
        if (conn != null) {
            closeQuietly(conn);
        }
    }

    private static void closeQuietly(Connection conn) {
        try {
            conn.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
