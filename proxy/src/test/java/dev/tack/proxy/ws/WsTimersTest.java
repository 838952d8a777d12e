package dev.tack.proxy.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.grip.KeepAliveMode;
import dev.tack.api.publish.WsMessageType;
import dev.tack.api.ws.WsControlMessage;
import dev.tack.proxy.time.TimeSource;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket session's timers on an {@code EmbeddedChannel} whose time moves only when the test says: keep-alives
 * and delayed sends the origin asks for, and the wait for a client's answer to Tack's close frame.
 */
class WsTimersTest {

    private final List<String> sent = new ArrayList<>();
    private long lastSend;

    private WsTimedSends timedSends(EmbeddedChannel channel) {
        return new WsTimedSends(channel.eventLoop(), TimeSource.LOOPS, frame -> {
            sent.add(frame.content().toString(StandardCharsets.UTF_8));
            lastSend = channel.eventLoop().ticker().nanoTime();
            frame.release();
        }, () -> lastSend);
    }

    private static void advance(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void idleKeepAliveGoesOutAfterItsTimeoutAndAgainAfterEachIdlePeriod() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        lastSend = channel.eventLoop().ticker().nanoTime();
        WsTimedSends sends = timedSends(channel);
        sends.keepAlive(new WsControlMessage.KeepAlive("ka".getBytes(StandardCharsets.UTF_8), WsMessageType.TEXT, 30,
                KeepAliveMode.IDLE));
        advance(channel, 28_999);
        assertTrue(sent.isEmpty());
        advance(channel, 1_001);
        assertEquals(List.of("ka"), sent);
        advance(channel, 30_000);
        assertEquals(List.of("ka", "ka"), sent);
        sends.stop();
        advance(channel, 60_000);
        assertEquals(2, sent.size());
        assertFalse(channel.finish());
    }

    @Test
    void delayedSendGoesOutAfterItsTimeoutUnlessFlushedFirst() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        WsTimedSends sends = timedSends(channel);
        sends.sendDelayed(new WsControlMessage.SendDelayed("later".getBytes(StandardCharsets.UTF_8),
                WsMessageType.TEXT, 2));
        advance(channel, 1_999);
        assertTrue(sent.isEmpty());
        advance(channel, 1);
        assertEquals(List.of("later"), sent);
        sends.sendDelayed(new WsControlMessage.SendDelayed("now".getBytes(StandardCharsets.UTF_8), WsMessageType.TEXT, 5));
        sends.flushDelayed();
        assertEquals(List.of("later", "now"), sent);
        advance(channel, 10_000);
        assertEquals(2, sent.size());
        assertFalse(channel.finish());
    }

    @Test
    void closeSentFirstWaitsFiveSecondsForTheClientsAnswer() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        CloseHandshake closing = new CloseHandshake(channel, TimeSource.LOOPS);
        closing.closeSent();
        advance(channel, 4_999);
        assertTrue(channel.isOpen());
        advance(channel, 1);
        assertFalse(channel.isOpen());
        assertFalse(channel.finish());
    }

    @Test
    void clientAnswerEndsTheHandshakeAtOnce() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        CloseHandshake closing = new CloseHandshake(channel, TimeSource.LOOPS);
        closing.closeSent();
        assertTrue(closing.clientClosed());
        assertFalse(channel.isOpen());
        assertFalse(channel.finish());
    }
}
