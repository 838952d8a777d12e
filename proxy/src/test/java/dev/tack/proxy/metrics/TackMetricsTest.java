package dev.tack.proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import dev.tack.proxy.testing.LogCapture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the scrape says after each kind of event, and how Pushpin's names look in it. */
class TackMetricsTest {
    private final TackMetrics metrics = new TackMetrics("pushpin_");

    private String scrape() {
        return metrics.scrape();
    }

    @Test
    void pushpinsFiveTakeThePrefixAndTacksOwnDoNot() {
        metrics.requestReceived();
        metrics.messagesReceived(2);
        metrics.messagesSent(5);
        metrics.clientConnected();
        String text = scrape();
        assertTrue(text.startsWith("# HELP pushpin_request_received Number of requests received\n"
                + "# TYPE pushpin_request_received counter\npushpin_request_received 1\n"), text);
        assertTrue(text.contains("\npushpin_connection_connected 1\n"), text);
        assertTrue(text.contains("\npushpin_message_received 2\n"), text);
        assertTrue(text.contains("\npushpin_message_sent 5\n"), text);
        assertTrue(text.contains("\npushpin_connection_minute 0\n"), text);
        assertTrue(text.contains("\ntack_connections_opened_total{transport=\"http\"} 1.0\n"), text);
        assertTrue(!text.contains("pushpin_tack_"), text);
    }

    @Test
    void holdsMoveConnectionsFromHttpToTheirTransport() {
        metrics.clientConnected();
        metrics.clientConnected();
        metrics.holdStarted(ClientTransport.SSE);
        MetricsSnapshot snapshot = metrics.snapshot();
        assertEquals(1L, snapshot.connections().get(ClientTransport.SSE));
        assertEquals(1L, snapshot.connections().get(ClientTransport.HTTP));
        metrics.holdEnded(ClientTransport.SSE);
        metrics.clientDisconnected();
        assertEquals(1L, metrics.snapshot().connections().get(ClientTransport.HTTP));
        assertTrue(scrape().contains("tack_connections_opened_total{transport=\"sse\"} 1.0"));
    }

    @Test
    void publishesAreCountedBySourceAndFormat() throws Exception {
        List<PublishItem> items = PublishJson.decodeRequest(("{\"items\":[{\"channel\":\"c\",\"formats\":{"
                + "\"http-stream\":{\"content\":\"x\"},\"ws-message\":{\"content\":\"x\"}}}]}")
                .getBytes(StandardCharsets.UTF_8));
        metrics.published(PublishSource.ZMQ, items);
        metrics.publishRejected(PublishSource.HTTP);
        metrics.delivered(DeliveryFormat.WS_MESSAGE, 7);
        String text = scrape();
        assertTrue(text.contains("tack_publish_items_total{source=\"zmq\"} 1.0"), text);
        assertTrue(text.contains("tack_publish_formats_total{format=\"http-stream\"} 1.0"), text);
        assertTrue(text.contains("tack_publish_formats_total{format=\"ws-message\"} 1.0"), text);
        assertTrue(text.contains("tack_publish_formats_total{format=\"http-response\"} 0.0"), text);
        assertTrue(text.contains("tack_publish_rejected_total{source=\"http\"} 1.0"), text);
        assertTrue(text.contains("tack_deliveries_total{format=\"ws-message\"} 7.0"), text);
    }

    @Test
    void dropsAreCountedByReasonWhereverTheyAreKept() {
        metrics.dropped(DropReason.OUTBOX_FULL, 2);
        metrics.outboxEvents().dropped(1);
        metrics.dropped(DropReason.DUPLICATE_ID, 4);
        metrics.countDrops(DropReason.LOOP_BACKLOG, () -> 9);
        metrics.outboxEvents().queued(3);
        String text = scrape();
        assertTrue(text.contains("tack_drops_total{reason=\"outbox_full\"} 3.0"), text);
        assertTrue(text.contains("tack_drops_total{reason=\"duplicate_id\"} 4.0"), text);
        assertTrue(text.contains("tack_drops_total{reason=\"loop_backlog\"} 9.0"), text);
        assertTrue(text.contains("tack_outbox_queued_messages 3.0"), text);
        assertEquals(16, metrics.snapshot().dropped());
    }

    @Test
    void originRequestsAreTimedAndFailuresCountedByRoute() {
        metrics.registerRoute("api");
        metrics.originRequest("api", OriginKind.HTTP, TimeUnit.MILLISECONDS.toNanos(30));
        metrics.originRequest("api", OriginKind.WOH, TimeUnit.MILLISECONDS.toNanos(3));
        metrics.originError("api", OriginKind.HTTP, OriginFailure.TIMEOUT);
        String text = scrape();
        assertTrue(text.contains("tack_origin_request_seconds_bucket{kind=\"http\",route=\"api\",le=\"0.05\"} 1"), text);
        assertTrue(text.contains("tack_origin_request_seconds_count{kind=\"woh\",route=\"api\"} 1"), text);
        assertTrue(text.contains("tack_origin_errors_total{kind=\"http\",reason=\"timeout\",route=\"api\"} 1.0"), text);
        RouteTotals api = metrics.snapshot().routes().get(0);
        assertEquals(new RouteTotals("api", 2, TimeUnit.MILLISECONDS.toNanos(33), 1), api);
    }

    @Test
    void routeLabelsStopAtTheirBound() {
        for (int i = 0; i < OriginMeters.MAX_ROUTES + 50; i++) {
            metrics.originRequest("route-" + i, OriginKind.HTTP, 1000);
        }
        assertEquals(OriginMeters.MAX_ROUTES + 1, metrics.snapshot().routes().size());
        assertTrue(scrape().contains("route=\"" + OriginMeters.OVERFLOW_ROUTE + "\""));
    }

    @Test
    void connectionFailuresAreCountedByReasonAndLoggedAtDebugWithTheConnection() {
        Logger log = LoggerFactory.getLogger("dev.tack.proxy.server.Test");
        EmbeddedChannel channel = new EmbeddedChannel();
        try (LogCapture capture = new LogCapture("dev.tack.proxy.server.Test")) {
            assertEquals(ConnectionFailure.RESET,
                    metrics.connectionFailed(log, channel, ClientTransport.WS, "chat", new IOException("Connection reset")));
            assertEquals(ConnectionFailure.TOO_LARGE,
                    metrics.connectionFailed(log, channel, ClientTransport.HTTP, null, new TooLongFrameException("big")));
            var event = capture.events().get(0);
            assertEquals(ch.qos.logback.classic.Level.DEBUG, event.getLevel());
            assertEquals("ws connection failed (reset): java.io.IOException: Connection reset", event.getFormattedMessage());
            assertEquals("conn", event.getKeyValuePairs().get(0).key);
            assertEquals(channel.id().asShortText(), event.getKeyValuePairs().get(0).value);
            assertEquals("chat", event.getKeyValuePairs().get(1).value);
        }
        assertTrue(scrape().contains("tack_connection_failures_total{reason=\"reset\",transport=\"ws\"} 1.0"));
        assertEquals(2, metrics.snapshot().connectionFailures());
        channel.finishAndReleaseAll();
    }
}
