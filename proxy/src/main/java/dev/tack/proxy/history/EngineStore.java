package dev.tack.proxy.history;

import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.StreamPosition;
import dev.tack.proxy.engine.ChannelStreams;
import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.engine.StreamRead;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Channel history kept by the engine (Redis Streams, docs/history.md "Redis"): every node reads the same streams,
 * so a client resumes on any node. Each read's items are encoded once here and shared by every client the read
 * serves ({@link Reads} merges identical ones).
 */
final class EngineStore implements Store {

    private final ChannelStreams streams;
    private final ByteBufAllocator alloc;

    EngineStore(ChannelStreams streams, ByteBufAllocator alloc) {
        this.streams = streams;
        this.alloc = alloc;
    }

    @Override
    public CompletionStage<Slice> read(String channel, StreamQuery query, int limit) {
        return streams.read(channel, query, limit).thenApply(read -> {
            if (read.result() != StreamRead.Result.OK) {
                return Slice.failed(read.result(), read.top());
            }
            List<PreparedItem> items = new ArrayList<>(read.entries().size());
            for (StreamRead.Entry entry : read.entries()) {
                items.add(PreparedItem.prepare(entry.item(), alloc,
                        new StreamPosition(read.top().epoch(), entry.offset())));
            }
            return new Slice(StreamRead.Result.OK, read.top(), items);
        });
    }

    @Override
    public void close() {
    }
}
