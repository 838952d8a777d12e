package dev.tack.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import dev.tack.api.grip.ChannelSpec;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.HoldMode;
import dev.tack.api.grip.KeepAlive;
import dev.tack.api.grip.KeepAliveMode;
import dev.tack.proxy.history.Resume;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The timers of holds on an {@code EmbeddedChannel} whose time stands still until the test moves it: a long-poll's
 * {@code Grip-Timeout}, a stream's keep-alives. Nothing here waits in real time.
 */
class HoldTimersTest {

    private final TackMetrics metrics = new TackMetrics("");
    private final AtomicInteger done = new AtomicInteger();

    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new ChannelInboundHandlerAdapter());
        channel.freezeTime();
        return channel;
    }

    private HoldContext context(EmbeddedChannel channel) {
        SubscriptionRegistry registry = new SubscriptionRegistry(channel.eventLoop());
        return new HoldContext(channel.pipeline().lastContext(), channel.pipeline().firstContext(),
                registry.shard(channel.eventLoop()), metrics, 100, TimeSource.LOOPS, done::incrementAndGet,
                HoldTestbed.request(registry, channel.eventLoop(), ReliableGrip.Settings.defaults()));
    }

    private static GripInstruction instruction(HoldMode mode, int timeoutSeconds, KeepAlive keepAlive, String body) {
        return new GripInstruction(mode, List.of(ChannelSpec.of("news")), timeoutSeconds, keepAlive, Map.of(), 200,
                "OK", List.of(new Header("Content-Type", "text/plain")), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String written(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    @Test
    void longPollAnswersWithTheOriginsResponseOnceGripTimeoutHasPassed() {
        EmbeddedChannel channel = channel();
        new ResponseHold(context(channel), instruction(HoldMode.RESPONSE, 30, null, "nothing yet\n"), List.of("news"),
                Resume.NONE).start();
        channel.advanceTimeBy(29_999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertNull(channel.readOutbound());
        assertEquals(0, done.get());

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        String response = written(channel);
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\nnothing yet\n"), response);
        assertEquals(1, done.get());
        assertFalse(channel.finish());
    }

    @Test
    void idleStreamGetsKeepAlivesEachPeriodAndNoneBefore() {
        EmbeddedChannel channel = channel();
        KeepAlive keepAlive = new KeepAlive(":\n\n".getBytes(StandardCharsets.UTF_8), 20, KeepAliveMode.IDLE);
        StreamHold hold = new StreamHold(context(channel), instruction(HoldMode.STREAM, 0, keepAlive, ""),
                List.of("news"), Resume.NONE);
        hold.start();
        assertTrue(written(channel).startsWith("HTTP/1.1 200 OK\r\n"));

        // Keep-alives lose up to 999 ms of jitter: none before 19 s, one by 20 s.
        channel.advanceTimeBy(18_999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals("", written(channel));
        channel.advanceTimeBy(1_001, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals("3\r\n:\n\n\r\n", written(channel));

        channel.advanceTimeBy(20, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertEquals("3\r\n:\n\n\r\n", written(channel));
        hold.clientClosed();
        assertFalse(channel.finish());
    }
}
