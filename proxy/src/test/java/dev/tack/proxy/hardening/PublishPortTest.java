package dev.tack.proxy.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.publish.PublishSettings;
import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.RawConnection;
import dev.tack.proxy.testing.TackFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The publish port decides from the request head and times out a request that does not arrive
 * (docs/reliability.md "Timeouts", "Publish authentication").
 */
class PublishPortTest {

    private static final PublishSettings KEYED = new PublishSettings(1_000_000, 10_000, "", "", "tok", "", "", "");

    @Test
    void credentialsAreCheckedBeforeTheBodyIsRead() throws Exception {
        try (TackFixture tack = TackFixture.start(List.of("* test"), s -> s.publish(KEYED));
                RawConnection publisher = RawConnection.connect(tack.publishPort())) {
            // A head that promises almost a megabyte, and no body at all: the 401 comes anyway.
            publisher.send("POST /publish/ HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n"
                    + "Authorization: Bearer wrong\r\n\r\n");
            String answer = publisher.readToEnd();
            assertTrue(answer.startsWith("HTTP/1.1 401 Unauthorized\r\n"), answer);
            assertTrue(answer.contains("Unauthorized: Bearer credential not accepted."), answer);
        }
    }

    @Test
    void aPublishRequestThatDoesNotArriveGets408() throws Exception {
        DrivenTime time = new DrivenTime();
        try (TackFixture tack = TackFixture.start(List.of("* test"), s -> s, time);
                RawConnection publisher = RawConnection.connect(tack.publishPort())) {
            publisher.send("POST /publish/ HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"items\":");
            await().until(() -> time.hasTimerIn(Duration.ofSeconds(30)));
            time.advance(Duration.ofSeconds(29));
            assertFalse(publisher.closedWithin(200));
            time.advance(Duration.ofSeconds(2));
            String answer = publisher.readToEnd();
            assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer);
        }
    }

    @Test
    void aPublisherThatNeverSendsAnythingIsClosed() throws Exception {
        DrivenTime time = new DrivenTime();
        try (TackFixture tack = TackFixture.start(List.of("* test"), s -> s.publish(
                PublishSettings.open().withRequestTimeout(5_000)), time);
                RawConnection publisher = RawConnection.connect(tack.publishPort())) {
            await().until(() -> time.hasTimerIn(Duration.ofSeconds(5)));
            time.advance(Duration.ofSeconds(6));
            assertTrue(publisher.readToEnd().startsWith("HTTP/1.1 408 Request Timeout\r\n"));
        }
    }
}
