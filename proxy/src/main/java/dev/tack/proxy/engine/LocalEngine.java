package dev.tack.proxy.engine;

import dev.tack.api.publish.PublishItem;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One node on its own, the default: a publish goes straight to this node's listener on the caller's thread, with
 * nothing encoded, queued or allocated on the way, so a single node publishes exactly as fast as without an
 * engine boundary (bench/README.md, {@code PublishBench}).
 */
final class LocalEngine implements Engine {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    private volatile EngineListener listener;

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public String describe() {
        return "local engine";
    }

    @Override
    public CompletionStage<Void> start(EngineListener engineListener) {
        this.listener = engineListener;
        return DONE;
    }

    @Override
    public boolean up() {
        return true;
    }

    @Override
    public void subscribe(Collection<String> channels) {
    }

    @Override
    public void unsubscribe(Collection<String> channels) {
    }

    @Override
    public int subscribedChannels() {
        return 0;
    }

    @Override
    public CompletionStage<Void> publish(List<PublishItem> items) {
        listener.onItems(items);
        return DONE;
    }

    @Override
    public CompletionStage<Void> command(NodeCommand command) {
        listener.onCommand(command);
        return DONE;
    }

    @Override
    public void close() {
    }
}
