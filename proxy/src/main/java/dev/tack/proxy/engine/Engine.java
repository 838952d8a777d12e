package dev.tack.proxy.engine;

import dev.tack.api.publish.PublishItem;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * How this node shares publishes with the other nodes: the one boundary between a node and the bus it runs on
 * (docs/scale-out.md). The local engine is a node on its own; the Redis and NATS engines put items on the bus,
 * where every node with listeners on the item's channel, this one included, receives it.
 *
 * <p>The node side: the registry's first/last listener events become {@link #subscribe} and {@link #unsubscribe}
 * calls (batched, see {@link SubscriptionBatcher}); the publish stage calls {@link #publish} and
 * {@link #command}; what arrives is reported to the {@link EngineListener} given to {@link #start}, with the
 * engine's state changes. Every method may be called from any thread and never blocks.
 */
public interface Engine extends AutoCloseable {

    /** {@code local}, {@code redis} or {@code nats}: for log lines and metrics. */
    String kind();

    /** The engine and where it connects, passwords left out: {@code redis engine (redis://10.0.0.5:6379)}. */
    String describe();

    /**
     * Starts connecting in the background and reports to {@code listener} from then on. An engine that is
     * down at start keeps trying with backoff.
     *
     * @return completes when the engine is first up
     */
    CompletionStage<Void> start(EngineListener listener);

    /** Whether the engine is connected now (the local engine always is). */
    boolean up();

    /** Receives items of these channels from now on; channels already subscribed are ignored. */
    void subscribe(Collection<String> channels);

    /** Stops receiving items of these channels. */
    void unsubscribe(Collection<String> channels);

    /** Connections to the bus open now, for {@code tack_descriptors{owner="engine"}} (0 for the local engine). */
    default int connections() {
        return 0;
    }

    /** Channels this node is subscribed to on the bus now (0 for the local engine, which has no bus). */
    int subscribedChannels();

    /**
     * Publishes items that were already validated: every node listening on an item's channel receives it, this
     * one included, in the engine's order per channel.
     *
     * @return completes once the engine has taken the items; fails with {@link EngineUnavailableException} when
     *     the engine is down, and nothing was published
     */
    CompletionStage<Void> publish(List<PublishItem> items);

    /**
     * The engine's own store of channel history (Redis Streams), or null when it keeps none: history then lives in
     * each node's memory (docs/history.md).
     */
    default ChannelStreams streams() {
        return null;
    }

    /** Sends a node-wide command to every node, this one included. Fails as {@link #publish} does. */
    CompletionStage<Void> command(NodeCommand command);

    /** Disconnects; nothing is reported after this returns. */
    @Override
    void close();
}
