package dev.tack.proxy.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.RetryDelayStrategy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real EventSource client (LaunchDarkly's okhttp-eventsource) as the resume tests use it: it reconnects by
 * itself every 100 ms after a drop, with {@code Last-Event-ID}, as a browser does (without the browser's backoff),
 * and its messages are collected on a thread of their own.
 */
public final class EventSources {

    private EventSources() {
    }

    /** A client of {@code uri} that keeps reconnecting every 100 ms; close it when done. */
    public static EventSource reconnecting(URI uri) {
        return new EventSource.Builder(uri)
                .errorStrategy(ErrorStrategy.alwaysContinue())
                .retryDelayStrategy(RetryDelayStrategy.defaultStrategy().backoffMultiplier(1).jitterMultiplier(0))
                .retryDelay(100, TimeUnit.MILLISECONDS)
                .build();
    }

    /** Reads {@code source}'s messages on a daemon thread into the returned list, as they arrive. */
    public static List<MessageEvent> collect(EventSource source) {
        List<MessageEvent> events = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> source.messages().forEach(events::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    /**
     * The cut of the resume tests: once 20 messages arrived, {@code relay} drops the client and refuses it again
     * ({@code whileCut} runs then, e.g. to point the relay at another node) until {@code missed} more items were
     * published; then every one of {@code total} messages is awaited, and their data returned in the order received.
     */
    public static List<String> cutWhilePublishing(List<MessageEvent> events, SocketRelay relay,
            PacedPublisher publisher, int missed, int total, Runnable whileCut) {
        await().atMost(Duration.ofSeconds(20)).until(() -> events.size() >= 20);
        relay.cut();
        whileCut.run();
        int cutAt = publisher.published();
        await().atMost(Duration.ofSeconds(20)).until(() -> publisher.published() >= cutAt + missed);
        relay.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> events.size() >= total);
        assertNull(publisher.failure());
        List<String> data = new ArrayList<>();
        events.forEach(e -> data.add(e.getData()));
        return data;
    }
}
