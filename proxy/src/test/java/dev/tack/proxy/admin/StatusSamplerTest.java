package dev.tack.proxy.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.admin.StatusReport.RouteHealth;
import dev.tack.proxy.metrics.OriginFailure;
import dev.tack.proxy.metrics.OriginKind;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rates and route health between two reports, on driven time. */
class StatusSamplerTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final TackMetrics metrics = new TackMetrics("", now::get, "tack test");
    private final StatusSampler sampler = new StatusSampler(metrics, new SubscriptionRegistry(loops), loops, now::get,
            "tack test", new AdminSettings("", Map.of("config file", "/etc/tack.conf"), 5));

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void ratesArePerSecondSinceTheLastTick() {
        sampler.sample(true).join();
        metrics.messagesSent(40);
        metrics.requestReceived();
        advance(2);
        StatusReport report = sampler.sample(true).join();
        assertEquals(20.0, report.rates().get("deliveries"));
        assertEquals(0.5, report.rates().get("requests"));
        assertEquals(2, report.uptimeSeconds());
        assertEquals("tack test", report.version());
        assertEquals("/etc/tack.conf", report.config().get("config file"));
        advance(1);
        assertEquals(0.0, sampler.sample(true).join().rates().get("deliveries"));
    }

    @Test
    void aOneOffReportLeavesTheTicksBaselineAlone() {
        sampler.sample(true).join();
        metrics.messagesSent(10);
        advance(1);
        assertEquals(10.0, sampler.sample(false).join().rates().get("deliveries"));
        advance(1);
        assertEquals(5.0, sampler.sample(true).join().rates().get("deliveries"));
    }

    @Test
    void routeHealthFollowsTheLastIntervalsErrors() {
        metrics.registerRoute("api");
        sampler.sample(true).join();
        advance(1);
        assertEquals("idle", route(sampler.sample(true).join()).state());
        for (int i = 0; i < 9; i++) {
            metrics.originRequest("api", OriginKind.HTTP, TimeUnit.MILLISECONDS.toNanos(20));
        }
        metrics.originError("api", OriginKind.HTTP, OriginFailure.CONNECT);
        advance(1);
        RouteHealth degraded = route(sampler.sample(true).join());
        assertEquals("degraded", degraded.state());
        assertEquals(10.0, degraded.requestsPerSecond());
        assertEquals(1.0, degraded.errorsPerSecond());
        assertEquals(20.0, degraded.averageMillis(), 0.001);
        metrics.originError("api", OriginKind.HTTP, OriginFailure.TIMEOUT);
        advance(1);
        assertEquals("failing", route(sampler.sample(true).join()).state());
        metrics.originRequest("api", OriginKind.HTTP, 1000);
        advance(1);
        assertEquals("ok", route(sampler.sample(true).join()).state());
    }

    private static RouteHealth route(StatusReport report) {
        return report.routes().get(0);
    }
}
