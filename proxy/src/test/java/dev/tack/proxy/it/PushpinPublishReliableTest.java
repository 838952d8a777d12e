package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.api.ws.WsControlMessage;
import dev.tack.proxy.publish.zmq.ZmqSettings;
import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.testing.Needs;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Debian's {@code pushpin-publish} drives the filters and hints over HTTP and over ZeroMQ unchanged (docs/
 * compatibility.md "Reliable GRIP"): {@code --sender} feeds {@code skip-self}, {@code -M skip_users=...} feeds
 * {@code skip-users}, {@code --hint} makes a stream fetch its next link and a long-poll ask its origin again.
 * ({@code PushpinPublishCloseTest} covers {@code --close}.) Skipped where Pushpin is not installed; CI installs it.
 */
class PushpinPublishReliableTest {

    private static final Path CLI = Path.of("/usr/bin/pushpin-publish");

    /** How pushpin-publish reaches Tack. */
    enum Spec { HTTP, ZMQ }

    private OriginServer origin;
    private TackFixture tack;
    private StreamClients streams;

    @BeforeEach
    void start() throws Exception {
        Needs.external(Files.isExecutable(CLI),
                CLI + " is not installed (Debian/Ubuntu package pushpin); skipping the pushpin-publish checks");
        origin = new OriginServer();
        tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"), s -> s
                .zmq(ZmqSettings.loopback()).reliability(new ReliableGrip.Settings(false, 60_000)));
        streams = new StreamClients();
    }

    @AfterEach
    void stop() {
        if (tack != null) {
            streams.close();
            tack.close();
            origin.close();
        }
    }

    private void publish(Spec spec, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(CLI.toString(), "--spec", spec == Spec.HTTP
                ? "http://127.0.0.1:" + tack.publishPort() : tack.server().zmqInputs().endpoints().pull()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "pushpin-publish did not exit");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertEquals("Published\n", output);
    }

    @ParameterizedTest
    @EnumSource(Spec.class)
    void senderFeedsSkipSelf(Spec spec) throws Exception {
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "room; filter=skip-self",
                "Grip-Set-Meta", "user=alice"));
        StreamClients.Stream stream = streams.open(tack.clientPort(), "/stream", 1).get(0);
        await().until(() -> tack.subscriptions() == 1);
        publish(spec, "room", "from alice", "--sender", "alice");
        publish(spec, "room", "from bob", "--sender", "bob");
        await().until(() -> stream.body().equals("from bob\n"));
    }

    @ParameterizedTest
    @EnumSource(Spec.class)
    void metaFeedsSkipUsers(Spec spec) throws Exception {
        new WohOrigin(origin, "/ws", r -> r.isOpening() ? new WsOverHttpResponse().accept()
                .sendControl(new WsControlMessage.SetMeta("user", "alice"))
                .sendControl(new WsControlMessage.Subscribe("room", List.of("skip-users")))
                : new WsOverHttpResponse());
        WsClients.Client client = new WsClients().connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + "/ws"));
        await().until(() -> tack.subscriptions() == 1);
        publish(spec, "room", "not for alice", "-M", "skip_users=carol,alice");
        publish(spec, "room", "for alice", "-M", "skip_users=carol");
        await().until(() -> !client.texts.isEmpty());
        assertEquals(List.of("for alice"), client.texts);
    }

    @ParameterizedTest
    @EnumSource(Spec.class)
    void hintFetchesAStreamsNextLinkAndAsksALongPollsOriginAgain(Spec spec) throws Exception {
        origin.on("/stream", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "news",
                "Grip-Link", "</stream/next>; rel=next"));
        origin.on("/stream/next", r -> Reply.of(200, "from the link\n", "Grip-Hold", "stream", "Grip-Channel", "news",
                "Grip-Link", "</stream/next>; rel=next"));
        int[] polls = {0};
        origin.on("/poll", r -> polls[0]++ == 0 ? Reply.of(200, "timeout\n", "Grip-Hold", "response",
                "Grip-Channel", "news") : Reply.of(200, "asked again\n"));
        StreamClients.Stream stream = streams.open(tack.clientPort(), "/stream", 1).get(0);
        CompletableFuture<HttpResponse<String>> poll = tack.http().sendAsync(
                HttpRequest.newBuilder(tack.clientUri("/poll")).build(), HttpResponse.BodyHandlers.ofString());
        await().until(() -> tack.subscriptions() == 2);
        publish(spec, "news", "--hint");
        await().until(() -> stream.body().equals("from the link\n"));
        assertEquals("asked again\n", poll.get(10, TimeUnit.SECONDS).body());
        await().atMost(Duration.ofSeconds(5)).until(() -> tack.subscriptions() == 1);
    }
}
