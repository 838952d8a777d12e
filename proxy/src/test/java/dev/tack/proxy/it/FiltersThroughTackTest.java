package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.api.ws.WsControlMessage;
import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Received;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.Subscribers;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import dev.tack.proxy.testing.WsClients;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every filter, and the {@code content-filters} rule, over SSE, long-poll and WebSocket (docs/compatibility.md
 * "Reliable GRIP"): the origin names the filters per channel ({@code Grip-Channel: room; filter=skip-self},
 * {@code c:subscribe} with {@code filters}) and sets the subscription meta ({@code Grip-Set-Meta}, {@code
 * c:set-meta}); publishes carry meta and content-filters. Each test publishes what a filter must keep from the client,
 * then what it must let through, and checks that only the second arrives.
 */
class FiltersThroughTackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Transport { SSE, LONG_POLL, WEBSOCKET }

    /** What a subscriber has received, as text messages, and how its session ended (null while it lasts). */
    private interface Client {
        List<String> messages();

        String end();
    }

    private record Seen(Supplier<List<String>> received, Supplier<String> ending) implements Client {
        @Override
        public List<String> messages() {
            return received.get();
        }

        @Override
        public String end() {
            return ending.get();
        }
    }

    private final AtomicInteger paths = new AtomicInteger();
    private OriginServer origin;
    private TackFixture tack;
    private StreamClients streams;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        tack = start(false);
        streams = new StreamClients();
    }

    private TackFixture start(boolean debug) throws Exception {
        return TackFixture.start(List.of("*" + (debug ? ",debug" : "") + " 127.0.0.1:" + origin.port() + ",over_http"),
                s -> s.reliability(new ReliableGrip.Settings(false, 60_000)));
    }

    @AfterEach
    void stop() {
        streams.close();
        tack.close();
        origin.close();
    }

    /**
     * Opens a subscriber of {@code transport} on channel {@code room} with these filters and meta; a {@code prevId}
     * makes the channel tracked (streams then get a next link, which they need for that).
     */
    private Client subscribe(Transport transport, List<String> filters, Map<String, String> meta, String prevId)
            throws Exception {
        String path = "/sub/" + paths.incrementAndGet();
        StringBuilder channel = new StringBuilder("room");
        if (prevId != null) {
            channel.append("; prev-id=").append(prevId);
        }
        filters.forEach(f -> channel.append("; filter=").append(f));
        List<String> metaParts = new ArrayList<>();
        meta.forEach((k, v) -> metaParts.add(k + "=\"" + v + "\""));
        List<String> headers = new ArrayList<>(List.of("Grip-Channel", channel.toString()));
        if (!metaParts.isEmpty()) {
            headers.addAll(List.of("Grip-Set-Meta", String.join(", ", metaParts)));
        }
        int before = tack.subscriptions();
        Client client;
        switch (transport) {
            case SSE -> {
                headers.addAll(List.of("Content-Type", "text/event-stream", "Grip-Hold", "stream"));
                if (prevId != null) {
                    headers.addAll(List.of("Grip-Link", "</next>; rel=next"));
                }
                origin.on(path, r -> Reply.of(200, "", headers.toArray(String[]::new)));
                StreamClients.Stream stream = streams.open(tack.clientPort(), path, 1).get(0);
                client = new Seen(() -> Subscribers.sseData(stream.body()),
                        () -> stream.ended() ? stream.body() : null);
            }
            case LONG_POLL -> {
                headers.addAll(List.of("Grip-Hold", "response", "Content-Type", "text/plain"));
                origin.on(path, r -> Reply.of(200, "timeout", headers.toArray(String[]::new)));
                CompletableFuture<HttpResponse<String>> poll = tack.http().sendAsync(
                        HttpRequest.newBuilder(tack.clientUri(path)).build(), HttpResponse.BodyHandlers.ofString());
                client = new Seen(() -> poll.isDone() ? List.of(poll.join().body()) : List.of(),
                        () -> poll.isDone() ? poll.join().statusCode() + " " + poll.join().body() : null);
            }
            default -> {
                new WohOrigin(origin, path, r -> {
                    if (!r.isOpening()) {
                        return new WsOverHttpResponse();
                    }
                    WsOverHttpResponse reply = new WsOverHttpResponse().accept();
                    meta.forEach((k, v) -> reply.sendControl(new WsControlMessage.SetMeta(k, v)));
                    return reply.sendControl(new WsControlMessage.Subscribe("room", filters));
                });
                WsClients.Client ws = new WsClients().connect(URI.create("ws://127.0.0.1:" + tack.clientPort() + path));
                client = new Seen(() -> ws.texts, () -> ws.closeCode < 0 ? null : String.valueOf(ws.closeCode));
            }
        }
        await().until(() -> tack.subscriptions() == before + 1);
        return client;
    }

    /** Publishes {@code text} in all three formats. */
    private void publish(String text, Map<String, String> meta, List<String> contentFilters, String id,
            String prevId) throws Exception {
        ObjectNode item = JSON.createObjectNode().put("channel", "room");
        if (id != null) {
            item.put("id", id);
        }
        if (prevId != null) {
            item.put("prev-id", prevId);
        }
        item.set("meta", JSON.valueToTree(meta));
        ObjectNode formats = item.putObject("formats");
        ObjectNode stream = formats.putObject("http-stream").put("content", "data: " + text + "\n\n");
        ObjectNode response = formats.putObject("http-response").put("body", text);
        ObjectNode ws = formats.putObject("ws-message").put("content", text);
        if (contentFilters != null) {
            for (ObjectNode format : List.of(stream, response, ws)) {
                format.set("content-filters", JSON.valueToTree(contentFilters));
            }
        }
        HttpResponse<String> answer = tack.publish("{\"items\":[" + JSON.writeValueAsString(item) + "]}");
        assertEquals(200, answer.statusCode(), answer.body());
    }

    private void publish(String text, Map<String, String> meta) throws Exception {
        publish(text, meta, null, null, null);
    }

    private static void awaitOnly(Client client, String message) {
        await().until(() -> !client.messages().isEmpty());
        assertEquals(List.of(message), client.messages());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void skipSelfKeepsTheSubscribersOwnMessagesFromIt(Transport transport) throws Exception {
        Client client = subscribe(transport, List.of("skip-self"), Map.of("user", "alice"), null);
        publish("mine", Map.of("sender", "alice"));
        publish("theirs", Map.of("sender", "bob"));
        awaitOnly(client, "theirs");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void skipUsersKeepsMessagesFromTheUsersNamed(Transport transport) throws Exception {
        Client client = subscribe(transport, List.of("skip-users"), Map.of("user", "alice"), null);
        publish("not for alice", Map.of("skip_users", "carol, alice"));
        publish("for alice", Map.of("skip_users", "carol"));
        awaitOnly(client, "for alice");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requireSubKeepsMessagesForChannelsTheConnectionIsNotOn(Transport transport) throws Exception {
        Client client = subscribe(transport, List.of("require-sub"), Map.of(), null);
        publish("elsewhere only", Map.of("require_sub", "elsewhere"));
        publish("room members", Map.of("require_sub", "room"));
        awaitOnly(client, "room members");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void varSubstFillsInTheSubscribersMetaAndAnUnknownNameDropsTheMessage(Transport transport) throws Exception {
        Client client = subscribe(transport, List.of("var-subst"), Map.of("user", "alice"), null);
        publish("bye %(nobody)s", Map.of(), List.of("var-subst"), null, null);
        publish("hi %(user)s, 100%%", Map.of(), List.of("var-subst"), null, null);
        awaitOnly(client, "hi alice, 100%");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void buildIdWritesTheIdOfTheMessageBeingDelivered(Transport transport) throws Exception {
        boolean tracked = transport != Transport.WEBSOCKET;
        // WebSocket subscriptions track no prev-ids, so their id format names none.
        Client client = subscribe(transport, List.of("build-id"),
                Map.of("id_format", tracked ? "room:%(room)s" : "ws"), tracked ? "0" : null);
        publish("id %I", Map.of(), List.of("build-id"), "1", "0");
        awaitOnly(client, tracked ? "id room:1" : "id ws");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void contentFiltersMustMatchTheSubscriptionsExactly(Transport transport) throws Exception {
        Client client = subscribe(transport, List.of(), Map.of(), null);
        publish("rendered for build-id", Map.of(), List.of("build-id"), null, null);
        publish("plain", Map.of(), List.of(), null, null);
        awaitOnly(client, "plain");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void httpCheckAsksTheOriginWhetherToSend(Transport transport) throws Exception {
        List<Received> checks = new java.util.concurrent.CopyOnWriteArrayList<>();
        origin.on("/check", r -> {
            checks.add(r);
            return r.header("Pub-Meta").contains("secret") ? Reply.of(200, "", "Action", "drop") : Reply.of(204, "");
        });
        Client client = subscribe(transport, List.of("http-check"), Map.of("url", "/check", "user", "alice"), null);
        publish("classified", Map.of("level", "secret"));
        publish("public", Map.of("level", "open"));
        awaitOnly(client, "public");
        assertEquals(2, checks.size());
        assertEquals("POST", checks.get(0).method());
        assertEquals("{\"url\":\"/check\",\"user\":\"alice\"}", checks.get(0).header("Sub-Meta"));
        assertEquals("{\"level\":\"secret\"}", checks.get(0).header("Pub-Meta"));
        assertTrue(checks.get(0).header("Grip-Sig") != null, "through the client's route, signed");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void httpModifyLetsTheOriginRewriteTheContent(Transport transport) throws Exception {
        origin.on("/modify", r -> Reply.of(200, r.bodyText().replace("quiet", "LOUD")));
        Client client = subscribe(transport, List.of("http-modify"), Map.of("url", "/modify"), null);
        publish("quiet please", Map.of());
        awaitOnly(client, "LOUD please");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void onADebugRouteAFilterErrorEndsTheSession(Transport transport) throws Exception {
        tack.close();
        tack = start(true);
        Client client = subscribe(transport, List.of("var-subst"), Map.of(), null);
        publish("hi %(user)s", Map.of(), List.of("var-subst"), null, null);
        await().until(() -> client.end() != null);
        String expected = switch (transport) {
            case SSE -> "\n\nfilter error: var-subst: No such variable 'user' at position 16\n";
            case LONG_POLL -> "502 filter error: var-subst: No such variable 'user' at position 10\n";
            case WEBSOCKET -> "1011";
        };
        assertTrue(client.end().endsWith(expected), client.end());
        assertEquals(0, tack.subscriptions());
    }
}
