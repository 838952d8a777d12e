package dev.tack.proxy.testing;

import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.RetryDelayStrategy;
import java.net.URI;
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
}
