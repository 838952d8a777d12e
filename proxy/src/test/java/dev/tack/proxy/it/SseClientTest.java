package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.TackFixture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A third-party SSE client (LaunchDarkly's okhttp-eventsource) receives published events through Tack. */
class SseClientTest {

    @Test
    void sseClientReceivesPublishedEvents() throws Exception {
        try (OriginServer origin = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()))) {
            origin.on("/events", r -> Reply.of(200, "event: hello\ndata: welcome\n\n", "Content-Type", "text/event-stream",
                    "Grip-Hold", "stream", "Grip-Channel", "counter", "Grip-Keep-Alive", ":\\n\\n; format=cstring; timeout=20"));
            List<MessageEvent> events = new CopyOnWriteArrayList<>();
            try (EventSource source = new EventSource.Builder(tack.clientUri("/events")).build()) {
                Thread reader = new Thread(() -> {
                    for (MessageEvent event : source.messages()) {
                        events.add(event);
                    }
                }, "sse-reader");
                reader.setDaemon(true);
                reader.start();
                await().until(() -> events.size() == 1);
                assertEquals("hello", events.get(0).getEventName());
                assertEquals("welcome", events.get(0).getData());
                await().until(() -> tack.subscriptions() == 1);
                tack.publishStream("counter", "event: count\ndata: 1\n\n");
                tack.publishStream("counter", "id: 7\ndata: {\"value\": 2}\n\n");
                await().until(() -> events.size() == 3);
                assertEquals("count", events.get(1).getEventName());
                assertEquals("1", events.get(1).getData());
                assertEquals("{\"value\": 2}", events.get(2).getData());
                assertEquals("7", events.get(2).getLastEventId());
            }
        }
    }
}
