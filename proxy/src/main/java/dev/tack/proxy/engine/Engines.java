package dev.tack.proxy.engine;

import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.ChannelInterest;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and starts the engine the settings name, and wires it to the node's registry. */
public final class Engines {

    private static final Logger log = LoggerFactory.getLogger(Engines.class);

    private Engines() {
    }

    /** The local engine: one node on its own. */
    public static Engine local() {
        return new LocalEngine();
    }

    /**
     * Builds the engine (not started yet).
     *
     * @param loops Tack's worker loops: the Redis connections and the inbox lanes run on them
     * @param socketChannel the channel class those loops take (io_uring, epoll or NIO)
     */
    public static Engine create(EngineSettings settings, EventLoopGroup loops, Class<? extends Channel> socketChannel,
            TackMetrics metrics) {
        return create(settings, StreamSettings.none(), loops, socketChannel, metrics);
    }

    /**
     * Builds the engine (not started yet).
     *
     * @param history the channels whose items an engine that can store them (Redis) keeps in a stream
     */
    public static Engine create(EngineSettings settings, StreamSettings history, EventLoopGroup loops,
            Class<? extends Channel> socketChannel, TackMetrics metrics) {
        EngineStats stats = new EngineStats(metrics);
        Engine engine = switch (settings.kind()) {
            case LOCAL -> new LocalEngine();
            case REDIS -> new RedisEngine(settings, history, loops, socketChannel, stats);
            case NATS -> new NatsEngine(settings, loops, stats);
        };
        stats.watch(metrics, engine, engine::subscribedChannels);
        return engine;
    }

    /**
     * Starts {@code engine}: a bus engine gets the registry's first/last listener events (batched on one of the
     * loops), and the start waits up to {@code waitMillis} for the first connection, so that a node whose engine
     * is up takes publishes from its first second. An engine still down after that is logged; the node starts
     * anyway and the engine keeps trying.
     */
    public static void start(Engine engine, EngineListener listener, ChannelInterest interest, EventLoopGroup loops,
            long waitMillis) {
        if (engine.kind().equals("local")) {
            engine.start(listener);
            return;
        }
        interest.addListener(new SubscriptionBatcher(engine, loops.next()));
        CompletionStage<Void> up = engine.start(listener);
        try {
            up.toCompletableFuture().get(waitMillis, TimeUnit.MILLISECONDS);
            log.info(engine.describe() + " is up");
        } catch (TimeoutException e) {
            log.warn(engine.describe() + " is down at start; Tack starts anyway and keeps trying; "
                    + "until it is up, publishes are refused or delivered here only (engine_down_policy)");
        } catch (ExecutionException e) {
            log.warn(engine.describe() + " failed to start: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
