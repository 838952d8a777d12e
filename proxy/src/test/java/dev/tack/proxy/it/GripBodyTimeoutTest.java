package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.RawOrigin;
import dev.tack.proxy.testing.TackFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A GRIP instruction is buffered whole before it is accepted; an origin that sends the head and then never
 * finishes the body must not hold the client (and the origin connection) forever.
 */
class GripBodyTimeoutTest {

    @Test
    void gripBodyThatNeverEndsIsA502AfterTheBodyTimeout() throws Exception {
        CountDownLatch headSent = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        DrivenTime time = new DrivenTime();
        try (RawOrigin origin = new RawOrigin((request, in, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nGrip-Hold: response\r\nGrip-Channel: news\r\nContent-Length: 100\r\n\r\n"
                    + "0123456789").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            headSent.countDown();
            end.await();
        }); TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()), s -> s, time)) {
            CompletableFuture<HttpResponse<String>> response = tack.http().sendAsync(
                    HttpRequest.newBuilder(tack.clientUri("/poll")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(headSent.await(10, TimeUnit.SECONDS));
            // The body timer runs from the head; time moves on until it has fired (30 s by default).
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                time.advance(Duration.ofSeconds(31));
                return response.isDone();
            });
            assertEquals(502, response.get().statusCode());
            assertEquals("Error while proxying to origin.\n", response.get().body());
            end.countDown();
        }
    }
}
