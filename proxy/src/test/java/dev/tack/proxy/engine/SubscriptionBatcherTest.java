package dev.tack.proxy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.publish.PublishItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Listener events become batched subscribe and unsubscribe calls, sent by one task. */
class SubscriptionBatcherTest {

    private final List<String> calls = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final SubscriptionBatcher batcher = new SubscriptionBatcher(new Recorder(), tasks::add);

    private void runTasks() {
        List<Runnable> now = new ArrayList<>(tasks);
        tasks.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void eventsBeforeTheTaskRunsBecomeOneCallEach() {
        batcher.channelOpened("a");
        batcher.channelOpened("b");
        batcher.channelOpened("c");
        batcher.channelClosed("c");
        assertEquals(1, tasks.size());
        runTasks();
        assertEquals(2, calls.size());
        assertEquals("subscribe [a, b]", sorted(calls.get(0)));
        assertEquals("unsubscribe [c]", calls.get(1));
        batcher.channelClosed("a");
        runTasks();
        assertEquals("unsubscribe [a]", calls.get(2));
    }

    @Test
    void manyChannelsGoInBatchesOfAThousand() {
        for (int i = 0; i < 2500; i++) {
            batcher.channelOpened("c" + i);
        }
        runTasks();
        assertEquals(3, calls.size());
    }

    private static String sorted(String call) {
        String inner = call.substring(call.indexOf('[') + 1, call.length() - 1);
        List<String> parts = new ArrayList<>(List.of(inner.split(", ")));
        parts.sort(null);
        return call.substring(0, call.indexOf('[')) + parts;
    }

    private final class Recorder implements Engine {
        @Override
        public String kind() {
            return "test";
        }

        @Override
        public String describe() {
            return "test engine";
        }

        @Override
        public CompletionStage<Void> start(EngineListener listener) {
            return null;
        }

        @Override
        public boolean up() {
            return true;
        }

        @Override
        public void subscribe(Collection<String> channels) {
            calls.add("subscribe " + channels);
        }

        @Override
        public void unsubscribe(Collection<String> channels) {
            calls.add("unsubscribe " + channels);
        }

        @Override
        public int subscribedChannels() {
            return 0;
        }

        @Override
        public CompletionStage<Void> publish(List<PublishItem> items) {
            return null;
        }

        @Override
        public CompletionStage<Void> command(NodeCommand command) {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
