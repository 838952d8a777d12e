package dev.tack.proxy.engine;

import dev.tack.proxy.metrics.TackMetrics;
import io.micrometer.core.instrument.Counter;
import java.util.function.IntSupplier;

/**
 * The engine's metrics (docs/scale-out.md "Metrics"): what went to the bus and came back, what was dropped, and
 * every state change.
 */
public final class EngineStats {

    final Counter published;
    final Counter received;
    final Counter dropped;
    final Counter malformed;
    final Counter refused;
    final Counter downs;
    final Counter resubscribes;

    public EngineStats(TackMetrics metrics) {
        published = metrics.counter("engine_published", "Items and commands this node put on the engine");
        received = metrics.counter("engine_received", "Items and commands this node received from the engine");
        dropped = metrics.counter("engine_dropped",
                "Received items dropped because their lane to the event loops was full");
        malformed = metrics.counter("engine_malformed", "Messages on the engine that Tack could not read");
        refused = metrics.counter("engine_publish_refused", "Publishes refused because the engine was down");
        downs = metrics.counter("engine_down", "Times the engine connection was lost");
        resubscribes = metrics.counter("engine_resubscribed",
                "Times the engine came back and every channel with listeners was subscribed again");
    }

    /** Registers the gauges that read the engine's own state. */
    void watch(TackMetrics metrics, Engine engine, IntSupplier channels) {
        metrics.gauge("engine_up", "1 while the engine is connected, else 0", () -> engine.up() ? 1 : 0);
        metrics.gauge("engine_channels", "Channels this node is subscribed to on the engine", channels::getAsInt);
    }

    public long receivedCount() {
        return (long) received.count();
    }

    public long droppedCount() {
        return (long) dropped.count();
    }

    public long refusedCount() {
        return (long) refused.count();
    }
}
