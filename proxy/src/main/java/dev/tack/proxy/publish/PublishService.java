package dev.tack.proxy.publish;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.engine.Engine;
import dev.tack.proxy.engine.EngineSettings.DownPolicy;
import dev.tack.proxy.engine.EngineUnavailableException;
import dev.tack.proxy.engine.Engines;
import dev.tack.proxy.engine.NodeCommand;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where validated publishes and commands enter the node, from the HTTP publish listener and the ZeroMQ inputs
 * alike: they go to the engine, which brings them back to every node's {@link Receiver} (this one's included).
 * On the local engine that is a direct call, so one node publishes as it did before there were engines.
 *
 * <p>While a bus engine is down, {@code engine_down_policy} decides: {@code reject} fails the publish with
 * {@link EngineUnavailableException} (the HTTP API answers 503), {@code local} delivers it on this node only.
 */
public final class PublishService {

    private static final Logger log = LoggerFactory.getLogger(PublishService.class);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    private final Engine engine;
    private final Receiver receiver;
    private final TackMetrics metrics;
    private final DownPolicy downPolicy;
    private final boolean bus;
    private final Counter localOnly;
    private final AtomicBoolean localOnlyLogged = new AtomicBoolean();

    public PublishService(Engine engine, Receiver receiver, TackMetrics metrics, DownPolicy downPolicy) {
        this.engine = engine;
        this.receiver = receiver;
        this.metrics = metrics;
        this.downPolicy = downPolicy;
        this.bus = !engine.kind().equals("local");
        this.localOnly = metrics.counter("engine_publish_local_only",
                "Publishes delivered on this node only because the engine was down (engine_down_policy=local)");
    }

    /** One node on the local engine, e.g. for tests and benchmarks. */
    public static PublishService local(SubscriptionRegistry registry, ByteBufAllocator alloc, TackMetrics metrics,
            long messageWaitMillis, long idCacheTtlSeconds, EventExecutor timer, TimeSource time) {
        Receiver receiver = new Receiver(registry, alloc, metrics, messageWaitMillis, idCacheTtlSeconds, timer, time);
        Engine engine = Engines.local();
        engine.start(receiver);
        return new PublishService(engine, receiver, metrics, DownPolicy.REJECT);
    }

    /** This node's receiving side. */
    public Receiver receiver() {
        return receiver;
    }

    /**
     * Publishes {@code items} to every node listening on their channels.
     *
     * @return completes once the engine took the items (on the local engine: at once, after they were queued
     *     for delivery); fails with {@link EngineUnavailableException} when the engine is down and the policy
     *     refuses, and nothing was published then
     */
    public CompletionStage<Void> publish(List<PublishItem> items) {
        if (items.isEmpty()) {
            return DONE;
        }
        metrics.messagesReceived(items.size());
        if (!bus) {
            return engine.publish(items);
        }
        if (!engine.up()) {
            return whileDown(items, null);
        }
        localOnlyLogged.set(false);
        CompletionStage<Void> sent = engine.publish(items);
        if (downPolicy == DownPolicy.LOCAL) {
            sent = sent.exceptionallyCompose(failure -> whileDown(items, failure));
        }
        return sent;
    }

    /** Runs Pushpin's {@code recover} on every node ({@code POST /recover}, the ZeroMQ {@code recover} command). */
    public CompletionStage<Void> recover() {
        return command(new NodeCommand.Recover());
    }

    /** Sends a node-wide command to every node; refused like a publish while the engine is down. */
    public CompletionStage<Void> command(NodeCommand command) {
        if (bus && !engine.up()) {
            if (downPolicy == DownPolicy.LOCAL) {
                receiver.onCommand(command);
                return DONE;
            }
            return CompletableFuture.failedStage(new EngineUnavailableException("the " + engine.describe()
                    + " is down"));
        }
        return engine.command(command);
    }

    private CompletionStage<Void> whileDown(List<PublishItem> items, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause != null && !(cause instanceof EngineUnavailableException)) {
            return CompletableFuture.failedStage(cause);
        }
        if (downPolicy == DownPolicy.REJECT) {
            return CompletableFuture.failedStage(cause != null ? cause
                    : new EngineUnavailableException("the " + engine.describe() + " is down"));
        }
        if (localOnlyLogged.compareAndSet(false, true)) {
            log.warn(engine.describe() + " is down: publishes are delivered on this node only "
                    + "(engine_down_policy=local)");
        }
        localOnly.increment(items.size());
        receiver.onItems(items);
        return DONE;
    }
}
