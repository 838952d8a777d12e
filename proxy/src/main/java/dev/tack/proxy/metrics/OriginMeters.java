package dev.tack.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Origin requests by route: {@code tack_origin_request_seconds{route,kind}} (a histogram with fixed buckets from
 * 1 ms to 30 s) and {@code tack_origin_errors_total{route,kind,reason}}. Route ids come from the routes file,
 * so they are few; past {@link #MAX_ROUTES} distinct ids (a routes file reloaded many times with new ids) the
 * rest share the route label {@value #OVERFLOW_ROUTE}.
 */
final class OriginMeters {
    static final int MAX_ROUTES = 200;
    static final String OVERFLOW_ROUTE = "other";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Map<String, RouteMeters> routes = new ConcurrentHashMap<>();

    OriginMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One route's meters, made on first use; the timers of each kind are made up front. */
    private final class RouteMeters {
        final String route;
        final Map<OriginKind, Timer> timers = new EnumMap<>(OriginKind.class);
        final Map<OriginKind, Map<OriginFailure, Counter>> errors = new EnumMap<>(OriginKind.class);
        final LongAdder errorCount = new LongAdder();

        RouteMeters(String route) {
            this.route = route;
            for (OriginKind kind : OriginKind.values()) {
                timers.put(kind, Timer.builder("tack.origin.request").tags("route", route, "kind", kind.label())
                        .description("Origin request latency: to the response head, or one WebSocket-over-HTTP round trip")
                        .serviceLevelObjectives(BUCKETS).register(registry));
                errors.put(kind, new ConcurrentHashMap<>());
            }
        }

        Counter error(OriginKind kind, OriginFailure failure) {
            return errors.get(kind).computeIfAbsent(failure, f -> Counter.builder("tack.origin.errors")
                    .tags("route", route, "kind", kind.label(), "reason", f.label())
                    .description("Origin requests that failed, by route and reason").register(registry));
        }
    }

    private RouteMeters route(String route) {
        RouteMeters meters = routes.get(route);
        if (meters != null) {
            return meters;
        }
        String label = routes.size() >= MAX_ROUTES ? OVERFLOW_ROUTE : route;
        return routes.computeIfAbsent(label, RouteMeters::new);
    }

    /** Makes a route's series exist before its first request, so that a dashboard shows it from the start. */
    void register(String route) {
        route(route).error(OriginKind.HTTP, OriginFailure.CONNECT);
    }

    void request(String route, OriginKind kind, long nanos) {
        route(route).timers.get(kind).record(nanos, TimeUnit.NANOSECONDS);
    }

    void error(String route, OriginKind kind, OriginFailure failure) {
        RouteMeters meters = route(route);
        meters.error(kind, failure).increment();
        meters.errorCount.increment();
    }

    /** Totals per route, in no particular order. */
    List<RouteTotals> totals() {
        List<RouteTotals> out = new ArrayList<>();
        for (RouteMeters meters : routes.values()) {
            long count = 0;
            double nanos = 0;
            for (Timer timer : meters.timers.values()) {
                count += timer.count();
                nanos += timer.totalTime(TimeUnit.NANOSECONDS);
            }
            out.add(new RouteTotals(meters.route, count, (long) nanos, meters.errorCount.sum()));
        }
        return out;
    }
}
