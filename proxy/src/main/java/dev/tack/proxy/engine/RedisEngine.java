package dev.tack.proxy.engine;

import dev.tack.api.publish.PublishItem;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Redis engine (docs/scale-out.md "Redis"): Redis PUB/SUB through Lettuce, on Tack's own event loops. Each
 * node subscribes ({@code SUBSCRIBE}, or {@code SSUBSCRIBE} with {@code engine_redis_sharded}) only to the
 * channels it has listeners on, so Redis sends a node nothing else; a publish is one {@code PUBLISH} per item on
 * a pipelined connection, and its reply completes the publish. With several Redis URLs, each channel lives on one
 * of them, chosen by a jump consistent hash of its name, so adding servers spreads channels evenly; commands for
 * every node travel on the control channel's server. A channel's items keep Redis's order end to end: one server,
 * one connection per node, one inbox lane per channel.
 */
final class RedisEngine implements Engine, RedisShard.Events {

    private static final int LANE_MESSAGES = 50_000;
    private static final long LANE_BYTES = 64L * 1024 * 1024;

    private final EngineSettings settings;
    private final EventLoopGroup loops;
    private final EngineStats stats;
    private final BusNames names;
    private final ClientResources resources;
    private final List<RedisClient> clients = new ArrayList<>();
    private final RedisShard[] shards;
    private final CompletableFuture<Void> firstUp = new CompletableFuture<>();
    private final AtomicInteger shardsUp = new AtomicInteger();
    private final RedisStreams streams;
    private volatile EngineListener listener;

    /** @param history which channels keep a stream of their items in Redis, and how much */
    RedisEngine(EngineSettings settings, StreamSettings history, EventLoopGroup loops,
            Class<? extends Channel> socketChannel, EngineStats stats) {
        this.settings = settings;
        this.loops = loops;
        this.stats = stats;
        this.names = new BusNames(settings.prefix());
        this.resources = LettuceResources.create(loops, socketChannel);
        this.shards = new RedisShard[settings.urls().size()];
        this.streams = history.enabled() ? new RedisStreams(history, settings.prefix(), settings.nodeName(),
                settings.redisSharded(), this::shardOf, System::currentTimeMillis) : null;
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public String describe() {
        return "redis engine (" + settings.describeUrls() + (settings.redisSharded() ? ", sharded PUB/SUB" : "") + ")";
    }

    @Override
    public CompletionStage<Void> start(EngineListener engineListener) {
        this.listener = engineListener;
        Inbox inbox = new Inbox(loops, engineListener, stats, LANE_MESSAGES, LANE_BYTES);
        for (int i = 0; i < shards.length; i++) {
            URI url = settings.urls().get(i);
            RedisURI uri = RedisURI.create(url);
            uri.setClientName(settings.nodeName());
            RedisClient client = RedisClient.create(resources, uri);
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(false)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .requestQueueSize(100_000)
                    .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                    .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).keepAlive(true)
                            .build())
                    .build());
            clients.add(client);
            String shown = settings.describeUrls().split(",")[i];
            shards[i] = new RedisShard(client, uri, shown, loops.next(), settings.redisSharded(), inbox, stats, this);
        }
        shardOf(names.control()).subscribe(List.of(names.control()));
        for (RedisShard shard : shards) {
            shard.start();
        }
        return firstUp;
    }

    @Override
    public boolean up() {
        for (RedisShard shard : shards) {
            if (shard == null || !shard.up()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void subscribe(java.util.Collection<String> channels) {
        byShard(channels).forEach(RedisShard::subscribe);
    }

    @Override
    public void unsubscribe(java.util.Collection<String> channels) {
        byShard(channels).forEach(RedisShard::unsubscribe);
    }

    @Override
    public int connections() {
        int open = 0;
        for (RedisShard shard : shards) {
            open += shard.connections();
        }
        return open;
    }

    @Override
    public int subscribedChannels() {
        int total = -1;
        for (RedisShard shard : shards) {
            total += shard == null ? 0 : shard.wantedCount();
        }
        return Math.max(total, 0);
    }

    @Override
    public ChannelStreams streams() {
        return streams;
    }

    @Override
    public CompletionStage<Void> publish(List<PublishItem> items) {
        if (items.size() == 1) {
            return sent(publishOne(items.get(0)));
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(items.size());
        for (PublishItem item : items) {
            sends.add(publishOne(item).toCompletableFuture());
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /** {@code PUBLISH}es an item, or stores and publishes it in one script when its channel keeps history. */
    private CompletionStage<Long> publishOne(PublishItem item) {
        PublishItem stored = streams == null ? null : streams.stored(item);
        if (stored != null) {
            return counted(streams.publish(item, stored));
        }
        return send(names.redis(item.channel()), BusCodec.encode(item, settings.nodeName()));
    }

    @Override
    public CompletionStage<Void> command(NodeCommand command) {
        return sent(send(names.control(), BusCodec.encode(command, settings.nodeName())));
    }

    private CompletionStage<Long> send(String busChannel, byte[] message) {
        return counted(shardOf(busChannel).publish(busChannel, message));
    }

    private CompletionStage<Long> counted(CompletionStage<Long> sent) {
        return sent.whenComplete((receivers, failure) -> {
            if (failure == null) {
                stats.published.increment();
            } else {
                stats.refused.increment();
            }
        });
    }

    private static CompletionStage<Void> sent(CompletionStage<Long> stage) {
        return stage.thenApply(receivers -> null);
    }

    private Map<RedisShard, List<String>> byShard(java.util.Collection<String> channels) {
        Map<RedisShard, List<String>> grouped = new HashMap<>();
        for (String channel : channels) {
            String busChannel = names.redis(channel);
            grouped.computeIfAbsent(shardOf(busChannel), s -> new ArrayList<>()).add(busChannel);
        }
        return grouped;
    }

    private RedisShard shardOf(String busChannel) {
        return shards.length == 1 ? shards[0] : shards[JumpHash.bucket(busChannel, shards.length)];
    }

    @Override
    public void up(RedisShard shard) {
        if (shardsUp.incrementAndGet() == shards.length) {
            firstUp.complete(null);
            listener.onEvent(EngineEvent.UP, Set.of());
        }
    }

    @Override
    public void down(RedisShard shard) {
        listener.onEvent(EngineEvent.DOWN, Set.of());
    }

    @Override
    public void resubscribed(RedisShard shard, List<String> busChannels) {
        Set<String> channels = new HashSet<>();
        for (String busChannel : busChannels) {
            String channel = names.fromRedis(busChannel);
            if (channel != null) {
                channels.add(channel);
            }
        }
        listener.onEvent(EngineEvent.RESUBSCRIBED, channels);
    }

    @Override
    public void close() {
        for (RedisShard shard : shards) {
            if (shard != null) {
                shard.close();
            }
        }
        for (RedisClient client : clients) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
