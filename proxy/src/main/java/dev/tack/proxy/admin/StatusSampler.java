package dev.tack.proxy.admin;

import dev.tack.proxy.admin.StatusReport.EventLoopDepth;
import dev.tack.proxy.admin.StatusReport.RouteHealth;
import dev.tack.proxy.admin.StatusReport.TopChannel;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.DropReason;
import dev.tack.proxy.metrics.MetricsSnapshot;
import dev.tack.proxy.metrics.RouteTotals;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.ChannelCount;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Builds {@link StatusReport}s. The subscription counts and the busiest channels are gathered on request, by
 * one task on every event loop (each scans its own channels, keeping only the top few); nothing is kept up to
 * date for the page's sake. Rates compare the totals with those of the previous report that
 * {@linkplain #sample(boolean) advanced} the baseline. Thread-safe.
 */
final class StatusSampler {
    /** How long the event loops may take to report before the report goes out without their counts. */
    private static final long LOOPS_TIMEOUT_MILLIS = 2000;
    private static final double NANOS_PER_SECOND = 1e9;

    private final TackMetrics metrics;
    private final SubscriptionRegistry registry;
    private final EventExecutorGroup loops;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final String version;
    private final AdminSettings settings;
    private long baselineNanos;
    private MetricsSnapshot baseline;

    StatusSampler(TackMetrics metrics, SubscriptionRegistry registry, EventExecutorGroup loops, LongSupplier nanoTime,
            String version, AdminSettings settings) {
        this.metrics = metrics;
        this.registry = registry;
        this.loops = loops;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.version = version;
        this.settings = settings;
        this.baselineNanos = startNanos;
        this.baseline = metrics.snapshot();
    }

    /**
     * Gathers a report. Completes on some event loop (or, when one is stuck, after a timeout without its counts).
     *
     * @param advance whether this report becomes the baseline of the next one's rates (the once-a-second tick
     *                does; a one-off request does not, so it never disturbs the page's rates)
     */
    CompletableFuture<StatusReport> sample(boolean advance) {
        CompletableFuture<SubscriptionRegistry.Counts> counts = registry.counts()
                .completeOnTimeout(new SubscriptionRegistry.Counts(-1, -1), LOOPS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        CompletableFuture<List<ChannelCount>> top = registry.topChannels(settings.topChannels())
                .completeOnTimeout(List.of(), LOOPS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        return counts.thenCombine(top, (c, t) -> {
            metrics.registryCounts(Math.max(0, c.channels()), Math.max(0, c.subscriptions()));
            return report(c, t, advance);
        });
    }

    private StatusReport report(SubscriptionRegistry.Counts counts, List<ChannelCount> top, boolean advance) {
        MetricsSnapshot now = metrics.snapshot();
        long nowNanos = nanoTime.getAsLong();
        MetricsSnapshot before;
        long seconds;
        double interval;
        synchronized (this) {
            before = baseline;
            interval = Math.max(1, nowNanos - baselineNanos) / NANOS_PER_SECOND;
            if (advance) {
                baseline = now;
                baselineNanos = nowNanos;
            }
        }
        seconds = (nowNanos - startNanos) / 1_000_000_000L;
        Map<String, Long> connections = new LinkedHashMap<>();
        connections.put("total", now.connected());
        for (ClientTransport transport : ClientTransport.values()) {
            connections.put(transport.label(), now.connections().getOrDefault(transport, 0L));
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("requests", (now.requests() - before.requests()) / interval);
        rates.put("publishes", (now.published() - before.published()) / interval);
        rates.put("deliveries", (now.delivered() - before.delivered()) / interval);
        rates.put("drops", (now.dropped() - before.dropped()) / interval);
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("requests", now.requests());
        totals.put("publishes", now.published());
        totals.put("deliveries", now.delivered());
        totals.put("drops", now.dropped());
        totals.put("publishRejected", now.publishRejected());
        totals.put("connectionFailures", now.connectionFailures());
        Map<String, Long> drops = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            drops.put(reason.label(), now.drops().getOrDefault(reason, 0L));
        }
        List<TopChannel> channels = top.stream().map(c -> new TopChannel(c.channel(), c.subscribers())).toList();
        return new StatusReport(version, seconds, connections, counts.subscriptions(), counts.channels(), rates, totals,
                drops, now.outboxQueued(), channels, eventLoops(), routes(before, now, interval),
                settings.configSummary());
    }

    private List<EventLoopDepth> eventLoops() {
        List<EventLoopDepth> out = new ArrayList<>();
        int index = 0;
        for (EventExecutor loop : loops) {
            index++;
            int pending = loop instanceof SingleThreadEventExecutor single ? single.pendingTasks() : -1;
            out.add(new EventLoopDepth("loop " + index, pending));
        }
        return out;
    }

    private static List<RouteHealth> routes(MetricsSnapshot before, MetricsSnapshot now, double interval) {
        Map<String, RouteTotals> previous = new HashMap<>();
        before.routes().forEach(r -> previous.put(r.route(), r));
        List<RouteHealth> out = new ArrayList<>();
        for (RouteTotals route : now.routes()) {
            RouteTotals was = previous.getOrDefault(route.route(), new RouteTotals(route.route(), 0, 0, 0));
            long answered = route.requests() - was.requests();
            long failed = route.errors() - was.errors();
            long attempts = answered + failed;
            String state = attempts == 0 ? "idle" : failed * 2 >= attempts ? "failing" : failed > 0 ? "degraded" : "ok";
            double average = answered == 0 ? 0 : (route.totalNanos() - was.totalNanos()) / 1e6 / answered;
            out.add(new RouteHealth(route.route(), state, attempts / interval, failed / interval, average,
                    route.requests() + route.errors(), route.errors()));
        }
        out.sort(Comparator.comparing(RouteHealth::route));
        return out;
    }
}
