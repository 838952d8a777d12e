package dev.tack.proxy.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Micrometer's standard binders: JVM memory, GC, threads and classes; CPU, uptime and open file descriptors;
 * Netty's buffer allocators ({@code netty_allocator_*}) and the pending tasks of every event loop
 * ({@code netty_eventexecutor_tasks_pending}: how far a loop is behind).
 */
final class SystemMeters implements AutoCloseable {
    private final JvmGcMetrics gc = new JvmGcMetrics();

    SystemMeters(MeterRegistry registry, EventLoopGroup loops) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        // The default allocator of channels, and the pooled one publishes encode with (often the same).
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        for (ByteBufAllocator allocator : new ByteBufAllocator[] {ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT}) {
            if (allocator instanceof ByteBufAllocatorMetricProvider && seen.put(allocator, true) == null) {
                new NettyAllocatorMetrics((ByteBufAllocatorMetricProvider) allocator).bindTo(registry);
            }
        }
        new NettyEventExecutorMetrics(loops).bindTo(registry);
    }

    /** Stops listening for GC notifications. */
    @Override
    public void close() {
        gc.close();
    }
}
