package dev.tack.proxy.engine;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.Transports;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lettuce on Tack's own event loops: Lettuce is built on Netty, so instead of starting its own I/O and
 * computation threads it is handed Tack's worker group, and every Redis connection lives on one of Tack's loops.
 * Lettuce picks its channel class itself (epoll before io_uring, unless its {@code io.lettuce.core.epoll} and
 * {@code io.lettuce.core.iouring} system properties say otherwise), and a channel only runs on loops of its own
 * transport, so those properties are set to the transport Tack's loops run before Lettuce reads them; should
 * they have been set otherwise already, Lettuce gets loops of its own instead. Its DNS resolver gets the matching
 * datagram class. Closing Lettuce never shuts the shared loops down.
 */
final class LettuceResources {

    private static final Logger log = LoggerFactory.getLogger(LettuceResources.class);

    private LettuceResources() {
    }

    static ClientResources create(EventLoopGroup loops, Class<? extends Channel> socketChannel) {
        if (System.getProperty("io.lettuce.core.epoll") == null && System.getProperty("io.lettuce.core.iouring") == null) {
            System.setProperty("io.lettuce.core.epoll", String.valueOf(socketChannel == EpollSocketChannel.class));
            System.setProperty("io.lettuce.core.iouring", String.valueOf(socketChannel == IoUringSocketChannel.class));
        }
        if (Transports.socketChannelClass() != socketChannel) {
            log.info("engine redis: Lettuce runs on loops of its own (its transport " + Transports.socketChannelClass()
                    .getSimpleName() + " is not Tack's " + socketChannel.getSimpleName() + ")");
            return DefaultClientResources.builder().commandLatencyRecorder(CommandLatencyRecorder.disabled()).build();
        }
        int threads = 0;
        for (Object ignored : loops) {
            threads++;
        }
        int size = threads;
        EventLoopGroupProvider shared = new EventLoopGroupProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends EventLoopGroup> T allocate(Class<T> type) {
                return (T) loops;
            }

            @Override
            public int threadPoolSize() {
                return size;
            }

            @Override
            public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
                return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
            }

            @Override
            public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
                return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
            }
        };
        return DefaultClientResources.builder()
                .eventLoopGroupProvider(shared)
                .eventExecutorGroup(loops)
                .addressResolverGroup(new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                        .datagramChannelType(datagramChannel(socketChannel))))
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
    }

    private static Class<? extends DatagramChannel> datagramChannel(Class<? extends Channel> socketChannel) {
        if (socketChannel == IoUringSocketChannel.class) {
            return IoUringDatagramChannel.class;
        }
        if (socketChannel == EpollSocketChannel.class) {
            return EpollDatagramChannel.class;
        }
        return NioDatagramChannel.class;
    }
}
