package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code update_on_first_subscription} and {@code subscription_linger} as Pushpin has them (docs/compatibility.md
 * "Reliable GRIP"): about a second after a channel's first subscriber its holds are updated (a long-poll asks the
 * origin again, a stream with a next link fetches it), which a harness sees as a second origin request; a channel
 * already subscribed, or one a long-poll left less than {@code subscription_linger} ago, is no first subscription.
 * Driven time.
 */
class FirstSubscriptionTest {

    private final DrivenTime time = new DrivenTime();
    private OriginServer origin;
    private TackFixture tack;
    private StreamClients streams;

    private void start(UnaryOperator<dev.tack.proxy.server.ServerSettings.Builder> settings) throws Exception {
        origin = new OriginServer();
        tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()), settings, time);
        streams = new StreamClients();
        origin.on("/poll", r -> Reply.of(200, "timeout\n", "Grip-Hold", "response",
                "Grip-Channel", r.uri().substring(r.uri().indexOf('=') + 1)));
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream",
                "Grip-Channel", r.uri().substring(r.uri().indexOf('=') + 1), "Grip-Link", "</next>; rel=next"));
        origin.on("/next", r -> Reply.of(200, "fetched\n", "Grip-Hold", "stream", "Grip-Channel", "fresh"));
    }

    @AfterEach
    void stop() {
        if (streams != null) {
            streams.close();
        }
        tack.close();
        origin.close();
    }

    private long requests(String path) {
        return origin.received().stream().filter(r -> r.uri().startsWith(path)).count();
    }

    private CompletableFuture<HttpResponse<String>> poll(String channel) {
        return tack.http().sendAsync(HttpRequest.newBuilder(tack.clientUri("/poll?c=" + channel)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLongPollOnAFreshChannelIsAskedAgainAboutASecondLaterAndOnlyOnce() throws Exception {
        start(s -> s);
        poll("fresh");
        await().until(() -> tack.subscriptions() == 1);
        tack.advance(Duration.ofMillis(999));
        assertEquals(1, requests("/poll"));
        // Due at 1 s, paced like every low-priority update: 100 ms later.
        tack.advanceUntil(Duration.ofMillis(50), () -> requests("/poll") == 2);
        await().until(() -> tack.subscriptions() == 1);
        // The poll holds again on a channel that lingers: no first subscription, no third request.
        tack.advance(Duration.ofSeconds(5));
        assertEquals(2, requests("/poll"));
    }

    @Test
    void aLongPollOnAChannelAlreadySubscribedIsNotAskedAgain() throws Exception {
        start(s -> s);
        origin.on("/plain", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "busy"));
        streams.open(tack.clientPort(), "/plain", 1);
        await().until(() -> tack.subscriptions() == 1);
        tack.advance(Duration.ofSeconds(2));
        poll("busy");
        await().until(() -> tack.subscriptions() == 2);
        tack.advance(Duration.ofSeconds(2));
        assertEquals(1, requests("/poll"));
    }

    @Test
    void aStreamWithANextLinkOnAFreshChannelFetchesItASecondLater() throws Exception {
        start(s -> s);
        StreamClients.Stream stream = streams.open(tack.clientPort(), "/stream?c=fresh", 1).get(0);
        await().until(() -> tack.subscriptions() == 1);
        tack.advance(Duration.ofMillis(999));
        assertEquals(0, requests("/next"));
        tack.advanceUntil(Duration.ofMillis(50), () -> stream.body().equals("fetched\n"));
        assertEquals(1, requests("/next"));
    }

    @Test
    void aLongPollComingBackWithinTheLingerIsNoFirstSubscriptionButAfterItIs() throws Exception {
        start(s -> s.reliability(new ReliableGrip.Settings(true, 10_000)));
        CompletableFuture<HttpResponse<String>> first = poll("polled");
        await().until(() -> tack.subscriptions() == 1);
        tack.advanceUntil(Duration.ofMillis(100), () -> requests("/poll") == 2);
        await().until(() -> tack.subscriptions() == 1);
        tack.publish("{\"items\":[{\"channel\":\"polled\",\"formats\":{\"http-response\":{\"body\":\"one\\n\"}}}]}");
        assertEquals("one\n", first.get().body());
        await().until(() -> tack.subscriptions() == 0);

        // Back within the 10 s linger: the channel is still subscribed.
        tack.advance(Duration.ofSeconds(9));
        poll("polled");
        await().until(() -> tack.subscriptions() == 1);
        tack.advance(Duration.ofSeconds(2));
        assertEquals(3, requests("/poll"));
        tack.publish("{\"items\":[{\"channel\":\"polled\",\"formats\":{\"http-response\":{\"body\":\"two\\n\"}}}]}");
        await().until(() -> tack.subscriptions() == 0);

        // Away longer than the linger: the next poll is a first subscription again.
        tack.advance(Duration.ofSeconds(11));
        poll("polled");
        await().until(() -> tack.subscriptions() == 1);
        tack.advanceUntil(Duration.ofMillis(100), () -> requests("/poll") == 5);
    }

    @Test
    void withoutALingerALongPollAskedAgainIsNotAskedAgainAndAgain() throws Exception {
        start(s -> s.reliability(new ReliableGrip.Settings(true, 0)));
        poll("fresh");
        await().until(() -> tack.subscriptions() == 1);
        tack.advanceUntil(Duration.ofMillis(50), () -> requests("/poll") == 2);
        await().until(() -> tack.subscriptions() == 1);
        tack.advance(Duration.ofSeconds(5));
        assertEquals(2, requests("/poll"));
    }

    @Test
    void withUpdateOnFirstSubscriptionOffNothingIsAskedAgain() throws Exception {
        start(s -> s.reliability(new ReliableGrip.Settings(false, 60_000)));
        poll("fresh");
        streams.open(tack.clientPort(), "/stream?c=fresh", 1);
        await().until(() -> tack.subscriptions() == 2);
        tack.advance(Duration.ofSeconds(5));
        assertEquals(1, requests("/poll"));
        assertEquals(0, requests("/next"));
    }
}
