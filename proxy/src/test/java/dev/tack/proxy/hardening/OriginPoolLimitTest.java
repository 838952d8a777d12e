package dev.tack.proxy.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.TackFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A burst of clients leaves at most {@code origin_pool_max_idle} idle origin connections per event loop and target,
 * each closed after 55 s unused, and the descriptors are reported (docs/reliability.md "Descriptors").
 */
class OriginPoolLimitTest {

    @Test
    void aBurstLeavesABoundedIdlePoolThatEmptiesAfter55Seconds() throws Exception {
        DrivenTime time = new DrivenTime();
        CountDownLatch release = new CountDownLatch(1);
        try (OriginServer origin = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()),
                        s -> s.originPoolMaxIdle(2).eventLoops(2), time)) {
            origin.on("/held", r -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Reply.of(200, "ok");
            });
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // A client of its own each, so that eight origin connections are open at once.
                answers.add(java.net.http.HttpClient.newHttpClient().sendAsync(
                        HttpRequest.newBuilder(tack.clientUri("/held")).build(), HttpResponse.BodyHandlers.ofString()));
            }
            await().until(() -> tack.metric("tack_descriptors{owner=\"origin\"}") == 8);
            release.countDown();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertEquals("ok", answer.get(10, TimeUnit.SECONDS).body());
            }
            await().until(() -> tack.metric("tack_descriptors{owner=\"origin\"}") <= 4);
            double idle = tack.metric("tack_descriptors{owner=\"origin_idle\"}");
            assertTrue(idle >= 1 && idle <= 4, "at most 2 per loop and target: " + idle);
            time.advance(Duration.ofSeconds(56));
            await().until(() -> tack.metric("tack_descriptors{owner=\"origin\"}") == 0);
            assertEquals(0, tack.metric("tack_descriptors{owner=\"origin_idle\"}"));
        }
    }
}
