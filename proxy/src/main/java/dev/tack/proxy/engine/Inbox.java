package dev.tack.proxy.engine;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.StreamPosition;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between a bus engine's reader and the node: the reader (a Lettuce connection's event loop, a NATS dispatcher
 * thread) only drops each raw message into a lane and returns, so it keeps draining its socket (Redis disconnects a
 * subscriber whose output buffer overflows). Each lane belongs to one of Tack's event loops, which decodes its
 * messages and hands them to the {@link EngineListener} in batches. A channel always maps to the same lane, so its
 * items keep the bus's order.
 *
 * <p>A lane holds at most {@code maxMessages} messages and {@code maxBytes} bytes; past either, new messages are
 * dropped and counted ({@code engine_dropped}), never buffered without bound.
 */
final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final int BATCH = 256;

    private final Lane[] lanes;
    private final EngineListener listener;
    private final EngineStats stats;
    private final int maxMessages;
    private final long maxBytes;

    Inbox(EventLoopGroup loops, EngineListener listener, EngineStats stats, int maxMessages, long maxBytes) {
        List<Lane> list = new ArrayList<>();
        for (EventExecutor executor : loops) {
            list.add(new Lane((EventLoop) executor));
        }
        this.lanes = list.toArray(Lane[]::new);
        this.listener = listener;
        this.stats = stats;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Takes one message from the bus.
     *
     * @param hash what picks the lane: the hash of the bus channel or subject, so that a channel always gets the
     *     same one
     */
    void offer(int hash, byte[] message) {
        Lane lane = lanes[Math.floorMod(hash, lanes.length)];
        if (lane.count.get() >= maxMessages || lane.bytes.get() + message.length > maxBytes) {
            stats.dropped.increment();
            long dropped = lane.dropped.incrementAndGet();
            if (dropped == 1 || dropped % 10_000 == 0) {
                log.warn("engine inbox: lane of " + lane.loop + " is full (" + lane.count.get() + " messages, "
                        + lane.bytes.get() + " bytes); dropping received messages (" + dropped + " so far)");
            }
            return;
        }
        lane.count.incrementAndGet();
        lane.bytes.addAndGet(message.length);
        lane.queue.add(message);
        if (lane.scheduled.compareAndSet(false, true)) {
            try {
                lane.loop.execute(lane::drain);
            } catch (RejectedExecutionException shuttingDown) {
                lane.scheduled.set(false);
            }
        }
    }

    private final class Lane {
        final EventLoop loop;
        final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicBoolean scheduled = new AtomicBoolean();

        Lane(EventLoop loop) {
            this.loop = loop;
        }

        /** Decodes up to a batch, hands it over, and comes back later for more so the loop's other work goes on. */
        void drain() {
            scheduled.set(false);
            List<PublishItem> items = new ArrayList<>();
            List<StreamPosition> positions = new ArrayList<>();
            byte[] message;
            int taken = 0;
            while (taken < BATCH && (message = queue.poll()) != null) {
                taken++;
                count.decrementAndGet();
                bytes.addAndGet(-message.length);
                stats.received.increment();
                BusMessage decoded;
                try {
                    decoded = BusCodec.decode(message);
                } catch (IllegalArgumentException e) {
                    stats.malformed.increment();
                    log.warn("engine: unreadable message skipped: " + e.getMessage());
                    continue;
                }
                if (decoded instanceof BusMessage.Item item) {
                    items.add(item.item());
                    positions.add(item.position());
                } else if (decoded instanceof BusMessage.Command command) {
                    handOver(items, positions);
                    items = new ArrayList<>();
                    positions = new ArrayList<>();
                    log.info("engine: " + command.command() + " from node " + command.from());
                    try {
                        listener.onCommand(command.command());
                    } catch (RuntimeException e) {
                        log.error("engine: running " + command.command() + " failed", e);
                    }
                }
            }
            handOver(items, positions);
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                loop.execute(this::drain);
            }
        }

        private void handOver(List<PublishItem> items, List<StreamPosition> positions) {
            if (items.isEmpty()) {
                return;
            }
            try {
                if (positions.stream().allMatch(Objects::isNull)) {
                    listener.onItems(items);
                } else {
                    listener.onItems(items, positions);
                }
            } catch (RuntimeException e) {
                log.error("engine: delivering " + items.size() + " received items failed", e);
            }
        }
    }
}
