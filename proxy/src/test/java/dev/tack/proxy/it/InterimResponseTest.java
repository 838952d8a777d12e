package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.RawOrigin;
import dev.tack.proxy.testing.TackFixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An origin's interim answers ({@code 103 Early Hints}, {@code 102 Processing}) are not its response: the client
 * gets the final one, and the origin connection goes back to the pool only once that is complete, so no other
 * client on the loop can read it.
 */
class InterimResponseTest {

    @Test
    void interimAnswerNeitherEndsTheResponseNorReachesAnotherClientOnTheLoop() throws Exception {
        CountDownLatch interimSent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RawOrigin origin = new RawOrigin((request, in, out) -> {
            if (request.target().equals("/early")) {
                out.write(("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                interimSent.countDown();
                // The final answer follows when the test says so, or as soon as another request arrives on this
                // connection (which only happens if the proxy wrongly pooled it).
                while (!release.await(10, TimeUnit.MILLISECONDS) && in.available() == 0) {
                    Thread.onSpinWait();
                }
                out.write(RawOrigin.answer("200 OK", "for A\n"));
            } else {
                out.write(RawOrigin.answer("200 OK", "for B\n"));
            }
        }); TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()), s -> s.eventLoops(1));
                Socket a = new Socket(InetAddress.getLoopbackAddress(), tack.clientPort())) {
            a.setSoTimeout(10_000);
            a.getOutputStream().write("GET /early HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            a.getOutputStream().flush();
            assertTrue(interimSent.await(10, TimeUnit.SECONDS));
            // Give Tack the interim answer before client B asks: B's request must not find A's connection pooled.
            await().pollDelay(Duration.ofMillis(200)).until(() -> true);

            HttpResponse<String> b = tack.http().send(HttpRequest.newBuilder(tack.clientUri("/other"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("for B\n", b.body());

            release.countDown();
            String answerA = readResponse(a.getInputStream());
            assertTrue(answerA.startsWith("HTTP/1.1 200 OK\r\n"), answerA);
            assertTrue(answerA.endsWith("\r\n\r\nfor A\n"), answerA);
        }
    }

    /** Reads one response with a {@code Content-Length} body. */
    private static String readResponse(InputStream in) throws IOException {
        String head = RawOrigin.readHead(in);
        return head + new String(in.readNBytes(RawOrigin.contentLength(head)), StandardCharsets.UTF_8);
    }
}
