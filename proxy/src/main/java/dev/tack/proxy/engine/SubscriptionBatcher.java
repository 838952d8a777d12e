package dev.tack.proxy.engine;

import dev.tack.proxy.subscription.ChannelListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns the registry's first/last listener events into batched {@link Engine#subscribe} and
 * {@link Engine#unsubscribe} calls: events only note the channel's wanted state; one task on a single event loop
 * then sends everything noted since the last batch, at most {@value #MAX_BATCH} channels per call. A channel
 * opened and closed again before the task runs costs nothing on the bus.
 */
public final class SubscriptionBatcher implements ChannelListener {

    static final int MAX_BATCH = 1000;

    private final Engine engine;
    private final Executor executor;
    private final Map<String, Boolean> wanted = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * @param executor runs the batches, one at a time and in order (an event loop)
     */
    public SubscriptionBatcher(Engine engine, Executor executor) {
        this.engine = engine;
        this.executor = executor;
    }

    @Override
    public void channelOpened(String channel) {
        wanted.put(channel, Boolean.TRUE);
        schedule();
    }

    @Override
    public void channelClosed(String channel) {
        wanted.put(channel, Boolean.FALSE);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::send);
        }
    }

    private void send() {
        scheduled.set(false);
        List<String> subscribe = new ArrayList<>();
        List<String> unsubscribe = new ArrayList<>();
        for (String channel : wanted.keySet()) {
            Boolean want = wanted.remove(channel);
            if (want == null) {
                continue;
            }
            List<String> batch = want ? subscribe : unsubscribe;
            batch.add(channel);
            if (batch.size() == MAX_BATCH) {
                flush(subscribe, unsubscribe);
            }
        }
        flush(subscribe, unsubscribe);
    }

    private void flush(List<String> subscribe, List<String> unsubscribe) {
        if (!subscribe.isEmpty()) {
            engine.subscribe(List.copyOf(subscribe));
            subscribe.clear();
        }
        if (!unsubscribe.isEmpty()) {
            engine.unsubscribe(List.copyOf(unsubscribe));
            unsubscribe.clear();
        }
    }
}
