package dev.tack.proxy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded outbox on an EmbeddedChannel whose write buffer is made tiny. */
class OutboxTest {

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static String readText(EmbeddedChannel channel) {
        ByteBuf buf = channel.readOutbound();
        try {
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    @Test
    void writableChannelGetsMessagesAtOnceAndOneFlush() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        Outbox outbox = new Outbox(channel.pipeline().firstContext(), 3, n -> { });
        assertTrue(outbox.offer(bytes("a")));
        assertTrue(outbox.offer(bytes("b")));
        outbox.flush();
        assertEquals("a", readText(channel));
        assertEquals("b", readText(channel));
        assertFalse(channel.finish());
    }

    @Test
    void slowClientQueuesUpToTheLimitThenDropsNewerMessages() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        ChannelHandlerContext ctx = channel.pipeline().firstContext();
        AtomicInteger dropped = new AtomicInteger();
        Outbox outbox = new Outbox(ctx, 2, dropped::addAndGet);
        assertTrue(outbox.offer(bytes("first")));          // written: the buffer now holds more than the mark
        assertFalse(channel.isWritable());
        assertTrue(outbox.offer(bytes("q1")));
        assertTrue(outbox.offer(bytes("q2")));
        assertFalse(outbox.offer(bytes("dropped")));
        assertEquals(1, dropped.get());
        assertEquals(2, outbox.queued());

        channel.flush();                                   // the socket drains
        assertTrue(channel.isWritable());
        outbox.drain();                                    // writes until the buffer fills again, then flushes
        outbox.drain();                                    // the next writability change
        assertEquals("first", readText(channel));
        assertEquals("q1", readText(channel));
        assertEquals("q2", readText(channel));
        assertEquals(0, outbox.queued());
        assertFalse(channel.finish());
    }

    @Test
    void clearReleasesWhatIsQueued() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        Outbox outbox = new Outbox(channel.pipeline().firstContext(), 5, n -> { });
        outbox.offer(bytes("written"));
        ByteBuf queued = bytes("queued");
        outbox.offer(queued);
        outbox.clear();
        assertEquals(0, queued.refCnt());
        channel.flush();
        assertEquals("written", readText(channel));
        assertFalse(channel.finish());
    }

    @Test
    void whatEndsAStreamIsQueuedEvenWhenTheOutboxIsFull() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        Outbox outbox = new Outbox(channel.pipeline().firstContext(), 1, n -> { });
        outbox.offer(bytes("written"));
        outbox.offer(bytes("queued"));
        assertFalse(outbox.offer(bytes("dropped")));
        outbox.offerAlways(bytes("end"));
        assertEquals(2, outbox.queued());
        channel.flush();
        outbox.drain();
        outbox.drain();
        assertEquals("written", readText(channel));
        assertEquals("queued", readText(channel));
        assertEquals("end", readText(channel));
        assertFalse(channel.finish());
    }

    @Test
    void eventsTellHowManyMessagesWaitAndHowManyWereDropped() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        Outbox outbox = new Outbox(channel.pipeline().firstContext(), 2, new OutboxEvents() {
            @Override
            public void dropped(int count) {
                dropped.addAndGet(count);
            }

            @Override
            public void queued(int delta) {
                waiting.addAndGet(delta);
            }
        });
        outbox.offer(bytes("first"));
        outbox.offer(bytes("q1"));
        outbox.offer(bytes("q2"));
        outbox.offer(bytes("dropped"));
        assertEquals(2, waiting.get());
        assertEquals(1, dropped.get());
        channel.flush();
        outbox.drain();
        outbox.drain();
        assertEquals(0, waiting.get());
        outbox.offer(bytes("second"));
        outbox.offer(bytes("left behind"));
        assertEquals(1, waiting.get());
        outbox.clear();                                    // the connection goes away
        assertEquals(0, waiting.get());
        channel.flush();
        channel.finishAndReleaseAll();
    }
}
