package dev.tack.proxy.engine;

import dev.tack.api.publish.PublishFormatException;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import dev.tack.proxy.delivery.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel history in Redis Streams (docs/history.md "Redis"), as Centrifuge keeps it: a history channel's item is
 * stored and published by one Lua script ({@code history-publish.lua}), which gives it the next offset of the
 * channel's stream, trims the stream to its bounds, evicts whole channels past the server's caps, and publishes the
 * item with {@code offset=<n> epoch=<e>} in the bus header, so every node learns its position and any node can
 * serve a resume ({@code history-read.lua}). The keys live on the Redis server of the channel's bus name, so one
 * script reaches both.
 */
final class RedisStreams implements ChannelStreams {

    private static final Logger log = LoggerFactory.getLogger(RedisStreams.class);
    private static final LuaScript PUBLISH = LuaScript.load("history-common.lua", "history-publish.lua");
    private static final LuaScript READ = LuaScript.load("history-common.lua", "history-read.lua");

    private final StreamSettings settings;
    private final BusNames names;
    private final String keyPrefix;
    private final String header;
    private final boolean sharded;
    private final Function<String, RedisShard> shardOf;
    private final LongSupplier wallMillis;

    /**
     * @param shardOf the Redis server of a bus channel name
     * @param wallMillis wall-clock milliseconds: items' storage times, compared across nodes for age and rewind
     */
    RedisStreams(StreamSettings settings, String prefix, String nodeName, boolean sharded,
            Function<String, RedisShard> shardOf, LongSupplier wallMillis) {
        this.settings = settings;
        this.names = new BusNames(prefix);
        this.keyPrefix = prefix + ".h";
        this.header = BusCodec.itemHeader(nodeName);
        this.sharded = sharded;
        this.shardOf = shardOf;
        this.wallMillis = wallMillis;
    }

    /**
     * The item as its channel's stream keeps it, or null when it is not stored (the channel keeps no history, or
     * the item has nothing history keeps, {@link StreamItems}) and is published as usual.
     */
    PublishItem stored(PublishItem item) {
        return settings.keeps(item.channel()) ? StreamItems.storable(item) : null;
    }

    /**
     * Stores and publishes one item of a history channel.
     *
     * @param stored what {@link #stored} gave for it
     * @return the number of subscribers Redis delivered the publish to
     */
    CompletionStage<Long> publish(PublishItem item, PublishItem stored) {
        String busChannel = names.redis(item.channel());
        byte[] body = BusCodec.body(item);
        return shardOf.apply(busChannel).eval(PUBLISH, keys(item.channel()), bytes(busChannel), bytes(header), body,
                stored == item ? body : BusCodec.body(stored), bytes(item.id() == null ? "" : item.id()),
                bytes(newEpoch()), number(settings.maxItems()), number(settings.maxAgeMillis()),
                number(settings.maxBytes()), number(settings.totalBytes()), number(settings.maxChannels()),
                bytes(settings.dropRepeats() ? "1" : "0"), number(wallMillis.getAsLong()), bytes(sharded ? "1" : "0"),
                bytes(item.channel()), bytes(keyPrefix))
                .thenApply(reply -> (Long) reply.get(0));
    }

    @Override
    public CompletionStage<StreamRead> read(String channel, StreamQuery query, int limit) {
        String mode = "top";
        String tokenEpoch = "";
        long tokenOffset = 0;
        String id = "";
        long amount = 0;
        if (query instanceof StreamQuery.After after) {
            mode = "after";
            if (after.token() != null) {
                tokenEpoch = after.token().epoch();
                tokenOffset = after.token().offset();
            }
            id = after.id() == null ? "" : after.id();
        } else if (query instanceof StreamQuery.Last last) {
            mode = "last";
            amount = last.count();
        } else if (query instanceof StreamQuery.Since since) {
            mode = "since";
            amount = since.millis();
        }
        String busChannel = names.redis(channel);
        CompletionStage<List<Object>> reply;
        try {
            reply = shardOf.apply(busChannel).eval(READ, keys(channel), bytes(mode), bytes(tokenEpoch),
                    number(tokenOffset), bytes(id), number(amount), number(limit), number(wallMillis.getAsLong()),
                    number(settings.maxAgeMillis()), bytes(newEpoch()), bytes(channel), bytes(keyPrefix),
                    number(settings.maxChannels()), number(settings.totalBytes()));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedStage(e);
        }
        return reply.handle((answer, failure) -> {
            if (failure != null) {
                log.debug("history read of channel {} failed: {}", channel, failure.toString());
                return StreamRead.failed(StreamRead.Result.UNAVAILABLE, null);
            }
            return decode(channel, answer);
        });
    }

    private static StreamRead decode(String channel, List<Object> answer) {
        StreamRead.Result result = StreamRead.Result.valueOf(text(answer.get(0)).toUpperCase(Locale.ROOT));
        StreamPosition top = new StreamPosition(text(answer.get(1)), (Long) answer.get(2));
        List<StreamRead.Entry> entries = new ArrayList<>((answer.size() - 3) / 3);
        for (int i = 3; i + 2 < answer.size(); i += 3) {
            List<PublishItem> items;
            try {
                items = PublishJson.decodeRequest((byte[]) answer.get(i + 2));
            } catch (PublishFormatException e) {
                log.warn("history of channel {}: stored item {} is unreadable ({}); nothing is replayed", channel,
                        answer.get(i), e.getMessage());
                return StreamRead.failed(StreamRead.Result.UNAVAILABLE, top);
            }
            entries.add(new StreamRead.Entry((Long) answer.get(i), (Long) answer.get(i + 1), items.get(0)));
        }
        return new StreamRead(result, top, entries);
    }

    private byte[][] keys(String channel) {
        return new byte[][] {bytes(keyPrefix + ".s." + channel), bytes(keyPrefix + ".m." + channel),
                bytes(keyPrefix + ".i." + channel), bytes(keyPrefix + ".lru"), bytes(keyPrefix + ".bytes")};
    }

    /** An epoch for a stream this publish or read may have to start: random letters and digits. */
    static String newEpoch() {
        String random = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        return random.length() > 10 ? random.substring(0, 10) : random;
    }

    private static String text(Object bulk) {
        return new String((byte[]) bulk, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] number(long value) {
        return bytes(Long.toString(value));
    }
}
