package dev.tack.proxy.engine;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One Redis server of the Redis engine: a PUB/SUB connection that subscribes this node's channels (those the
 * engine hashed to this server) and one publishing connection, on which Lettuce pipelines every command without
 * waiting for replies. Reconnection is done here rather than by Lettuce, so that the state is known exactly: while
 * down, publishes are refused at once and subscription changes only update the wanted set; once both connections
 * are back, every wanted channel is subscribed again (in batches) before the shard counts as up and reports
 * {@link EngineEvent#RESUBSCRIBED}.
 *
 * <p>State lives on one event loop ({@link #loop}); {@link #up} is read from any thread.
 */
final class RedisShard {

    /** This shard's open connections (publish and subscribe), for {@code tack_descriptors}. */
    int connections() {
        StatefulRedisPubSubConnection<byte[], byte[]> s = sub;
        StatefulRedisConnection<byte[], byte[]> p = pub;
        return (s != null && s.isOpen() ? 1 : 0) + (p != null && p.isOpen() ? 1 : 0);
    }

    private static final Logger log = LoggerFactory.getLogger(RedisShard.class);
    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;

    /** What the shard tells its engine. */
    interface Events {
        void up(RedisShard shard);

        void down(RedisShard shard);

        void resubscribed(RedisShard shard, List<String> busChannels);
    }

    private final RedisClient client;
    private final RedisURI uri;
    private final String shown;
    private final EventLoop loop;
    private final boolean sharded;
    private final Inbox inbox;
    private final EngineStats stats;
    private final Events events;
    private final Backoff backoff = new Backoff();
    private final Set<String> wanted = new HashSet<>();
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> sub;
    private volatile StatefulRedisConnection<byte[], byte[]> pub;
    private volatile boolean up;
    private volatile int subscribed;
    private boolean everUp;
    private boolean closed;
    private int failures;

    RedisShard(RedisClient client, RedisURI uri, String shown, EventLoop loop, boolean sharded, Inbox inbox, EngineStats stats,
            Events events) {
        this.client = client;
        this.uri = uri;
        this.shown = shown;
        this.loop = loop;
        this.sharded = sharded;
        this.inbox = inbox;
        this.stats = stats;
        this.events = events;
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                loop.execute(() -> {
                    if (connection == sub || connection == pub) {
                        lost("connection closed");
                    }
                });
            }
        });
    }

    String shown() {
        return shown;
    }

    boolean up() {
        return up;
    }

    /** Channels wanted on this server now (the control channel included). */
    int wantedCount() {
        return subscribed;
    }

    void start() {
        loop.execute(this::connect);
    }

    void subscribe(Collection<String> busChannels) {
        loop.execute(() -> change(busChannels, true));
    }

    void unsubscribe(Collection<String> busChannels) {
        loop.execute(() -> change(busChannels, false));
    }

    /** Updates the wanted set and, when connected, tells Redis about the channels that changed. */
    private void change(Collection<String> busChannels, boolean subscribe) {
        List<String> changed = new ArrayList<>();
        for (String channel : busChannels) {
            if (subscribe ? wanted.add(channel) : wanted.remove(channel)) {
                changed.add(channel);
            }
        }
        subscribed = wanted.size();
        if (sub != null && !changed.isEmpty()) {
            send(changed, subscribe).exceptionally(e -> {
                log.debug("redis engine (" + shown + "): " + (subscribe ? "subscribe" : "unsubscribe") + " failed ("
                        + e + "); a reconnect subscribes the wanted channels again");
                return null;
            });
        }
    }

    /** Publishes one message; fails at once with {@link EngineUnavailableException} while down. */
    CompletionStage<Long> publish(String busChannel, byte[] message) {
        StatefulRedisConnection<byte[], byte[]> connection = pub;
        if (!up || connection == null) {
            return CompletableFuture.failedStage(new EngineUnavailableException("the redis engine (" + shown
                    + ") is down"));
        }
        byte[] name = busChannel.getBytes(StandardCharsets.UTF_8);
        RedisFuture<Long> sent = sharded ? connection.async().spublish(name, message)
                : connection.async().publish(name, message);
        return sent;
    }

    /**
     * Runs a Lua script on the publishing connection (pipelined with the publishes, so a channel's stored items and
     * plain publishes keep one order); fails at once with {@link EngineUnavailableException} while down. The
     * script is sent by its SHA-1 and, when Redis does not have it yet (a fresh or restarted server), in full.
     */
    CompletionStage<List<Object>> eval(LuaScript script, byte[][] keys, byte[]... args) {
        StatefulRedisConnection<byte[], byte[]> connection = pub;
        if (!up || connection == null) {
            return CompletableFuture.failedStage(new EngineUnavailableException("the redis engine (" + shown
                    + ") is down"));
        }
        RedisFuture<List<Object>> bySha = connection.async().evalsha(script.sha(), ScriptOutputType.MULTI, keys,
                args);
        return bySha.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (!(cause instanceof RedisNoScriptException)) {
                return CompletableFuture.failedStage(cause);
            }
            RedisFuture<List<Object>> whole = connection.async().eval(script.text(), ScriptOutputType.MULTI, keys,
                    args);
            return whole;
        });
    }

    void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closed = true;
            up = false;
            closeConnections().whenComplete((v, e) -> done.complete(null));
        });
        done.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private void connect() {
        if (closed) {
            return;
        }
        CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> newSub =
                client.connectPubSubAsync(CODEC, uri).toCompletableFuture();
        CompletableFuture<StatefulRedisConnection<byte[], byte[]>> newPub =
                client.connectAsync(CODEC, uri).toCompletableFuture();
        CompletableFuture.allOf(newSub, newPub).whenComplete((v, failure) -> loop.execute(
                () -> connected(newSub, newPub, failure)));
    }

    private void connected(CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> newSub,
            CompletableFuture<StatefulRedisConnection<byte[], byte[]>> newPub, Throwable failure) {
        if (failure != null || closed) {
            newSub.thenAccept(StatefulRedisPubSubConnection::closeAsync);
            newPub.thenAccept(StatefulRedisConnection::closeAsync);
            if (!closed) {
                retry(failure);
            }
            return;
        }
        sub = newSub.join();
        pub = newPub.join();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                inbox.offer(Arrays.hashCode(channel), message);
            }

            @Override
            public void smessage(byte[] channel, byte[] message) {
                inbox.offer(Arrays.hashCode(channel), message);
            }
        });
        List<String> all = new ArrayList<>(wanted);
        StatefulRedisPubSubConnection<byte[], byte[]> current = sub;
        send(all, true).whenComplete((v, subscribeFailure) -> loop.execute(() -> {
            if (current != sub) {
                return;
            }
            if (subscribeFailure != null) {
                lost("subscribing " + all.size() + " channels failed: " + subscribeFailure);
                return;
            }
            up = true;
            backoff.reset();
            failures = 0;
            if (everUp) {
                stats.resubscribes.increment();
                log.info("redis engine (" + shown + ")" + ": back; resubscribed " + all.size() + " channels");
                events.resubscribed(this, all);
            } else {
                everUp = true;
                log.info("redis engine (" + shown + ")" + ": connected, " + all.size() + " channels subscribed");
                events.up(this);
            }
        }));
    }

    /** Subscribes or unsubscribes in batches; completes when Redis has answered every batch. */
    private CompletableFuture<Void> send(List<String> busChannels, boolean subscribe) {
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < busChannels.size(); from += SubscriptionBatcher.MAX_BATCH) {
            List<String> part = busChannels.subList(from, Math.min(busChannels.size(), from + SubscriptionBatcher.MAX_BATCH));
            byte[][] names = new byte[part.size()][];
            for (int i = 0; i < names.length; i++) {
                names[i] = part.get(i).getBytes(StandardCharsets.UTF_8);
            }
            var commands = sub.async();
            RedisFuture<Void> sent = subscribe ? (sharded ? commands.ssubscribe(names) : commands.subscribe(names))
                    : (sharded ? commands.sunsubscribe(names) : commands.unsubscribe(names));
            batches.add(sent.toCompletableFuture());
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new));
    }

    private void lost(String why) {
        if (closed) {
            return;
        }
        boolean wasUp = up;
        up = false;
        closeConnections();
        if (wasUp) {
            stats.downs.increment();
            log.warn("redis engine (" + shown + ")" + ": lost (" + why + "); publishes are refused until it is back");
            events.down(this);
        }
        retry(null);
    }

    private void retry(Throwable failure) {
        long delay = backoff.nextDelayMillis();
        if (failure == null) {
            loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
            return;
        }
        failures++;
        String reason = " (" + rootMessage(failure) + ")";
        Level level = failures == 1 ? Level.WARN : Level.DEBUG;
        if (log.isEnabledForLevel(level)) {
            log.atLevel(level).log("redis engine (" + shown + ")" + ": cannot connect" + reason + "; retrying in " + delay + " ms"
                    + (everUp ? "" : "; publishes are refused until it is up"));
        }
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<Void> closeConnections() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        if (sub != null) {
            if (sub.isOpen()) {
                closing.add(sub.closeAsync());
            }
            sub = null;
        }
        if (pub != null) {
            if (pub.isOpen()) {
                closing.add(pub.closeAsync());
            }
            pub = null;
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
