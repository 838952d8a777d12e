package dev.tack.proxy.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publish body buffer grows with what arrives; a declared {@code Content-Length} allocates nothing. */
class PublishBodyBufferTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final TackMetrics metrics = new TackMetrics("");

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aDeclaredLengthAllocatesNothingBeyondASmallStart() {
        List<Integer> capacities = new ArrayList<>();
        ByteBufAllocator recording = new AbstractByteBufAllocator(false) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                capacities.add(initialCapacity);
                return UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                capacities.add(initialCapacity);
                return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        };
        PublishService service = PublishService.local(new SubscriptionRegistry(loops), UnpooledByteBufAllocator.DEFAULT,
                metrics, 5000, 0, loops.next(), TimeSource.LOOPS);
        PublishSettings settings = PublishSettings.open();
        EmbeddedChannel channel = new EmbeddedChannel(new PublishHttpHandler(service,
                new PublishAuth(settings, Clock.systemUTC()), settings, metrics));
        channel.config().setAllocator(recording);
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/publish/");
        head.headers().set("Content-Length", 999_999);
        channel.writeInbound(head);
        assertTrue(channel.isOpen());
        assertFalse(capacities.isEmpty());
        assertTrue(capacities.stream().allMatch(c -> c <= 256), "allocated " + capacities);
        channel.close();
        assertFalse(channel.finish());
    }
}
