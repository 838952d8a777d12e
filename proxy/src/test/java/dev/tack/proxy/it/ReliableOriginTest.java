package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tack.api.Header;
import dev.tack.api.grip.ChannelSpec;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.GripInstructionParser;
import dev.tack.api.grip.GripLast;
import dev.tack.api.grip.HoldMode;
import dev.tack.api.grip.KeepAlive;
import dev.tack.api.grip.KeepAliveMode;
import dev.tack.api.grip.NextLink;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import dev.tack.api.sig.GripSigKey;
import dev.tack.api.sig.GripSigner;
import dev.tack.proxy.testing.ReliableOrigin;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reliable-stream origin built on Fastly's GRIP library for Node ({@code @fanoutio/grip}), talked to directly
 * as Tack will talk to it: its answers parse with Tack's instruction parser into a stream hold with a prev-id and a
 * next link, its publishes carry id and prev-id, and a next-link fetch with {@code Grip-Last} returns exactly the
 * events after that id, including one whose publish was lost.
 */
class ReliableOriginTest {
    private static final String KEY = "changeme";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<PublishItem> published = new CopyOnWriteArrayList<>();
    private HttpServer publishListener;
    private ReliableOrigin origin;

    @BeforeEach
    void start() throws Exception {
        publishListener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        publishListener.createContext("/publish/", exchange -> {
            try {
                published.addAll(PublishJson.decodeRequest(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            } catch (Exception e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        publishListener.start();
        String gripUrl = "http://127.0.0.1:" + publishListener.getAddress().getPort()
                + "/?verify-key=" + KEY + "&verify-iss=pushpin";
        origin = ReliableOrigin.start(gripUrl, Map.of("PAGE_SIZE", "2"));
    }

    @AfterEach
    void stop() throws Exception {
        if (origin != null) {
            origin.close();
        }
        publishListener.stop(0);
    }

    private HttpResponse<String> get(String pathAndQuery, Header... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(origin.uri(pathAndQuery)).timeout(Duration.ofSeconds(10))
                .header("Grip-Sig", new GripSigner(GripSigKey.parse(KEY, null), "pushpin")
                        .sign(System.currentTimeMillis() / 1000));
        for (Header h : headers) {
            request.header(h.name(), h.value());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int post(String pathAndQuery, String data) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(origin.uri(pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body() + origin.output());
        return new ObjectMapper().readTree(r.body()).get("id").asInt();
    }

    private static GripInstruction instruction(HttpResponse<String> r) throws Exception {
        List<Header> headers = new ArrayList<>();
        r.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(new Header(name, v))));
        assertTrue(GripInstructionParser.isGripResponse(headers), headers.toString());
        return GripInstructionParser.parse(r.statusCode(), "", headers, r.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void firstRequestIsAStreamHoldWithPrevIdAndNextLink() throws Exception {
        HttpResponse<String> r = get("/events/fruit");
        assertEquals(200, r.statusCode(), r.body());
        GripInstruction i = instruction(r);
        assertEquals(HoldMode.STREAM, i.hold());
        assertEquals(List.of(new ChannelSpec("events-fruit", "0", List.of())), i.channels());
        assertEquals(new NextLink(URI.create("/events/fruit?link=next&recover=true"), 120), i.nextLink());
        assertEquals(new KeepAlive("event: keep-alive\ndata:\n\n".getBytes(StandardCharsets.UTF_8), 20,
                KeepAliveMode.IDLE), i.keepAlive());
        assertEquals(Map.of("user", "anonymous"), i.meta());
        assertEquals("event: stream-open\ndata:\n\n", new String(i.body(), StandardCharsets.UTF_8));
        assertTrue(i.prevIdWithoutNextLink().isEmpty());
    }

    @Test
    void requestsWithoutAValidGripSigAreRefused() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(origin.uri("/events/fruit"))
                .header("Grip-Sig", "not.a.token").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(501, r.statusCode());
    }

    @Test
    void publishesCarryIdAndPrevIdAndALostPublishIsNotSent() throws Exception {
        assertEquals(1, post("/publish/fruit", "one"));
        assertEquals(2, post("/publish/fruit?skip=1", "two"));
        assertEquals(3, post("/publish/fruit", "three"));
        await().atMost(Duration.ofSeconds(10)).until(() -> published.size() == 2);
        assertEquals("events-fruit", published.get(0).channel());
        assertEquals(List.of("1", "0", "3", "2"), List.of(published.get(0).id(), published.get(0).prevId(),
                published.get(1).id(), published.get(1).prevId()));
        assertEquals("id: 3\nevent: message\ndata: three\n\n",
                new String(published.get(1).httpStream().content(), StandardCharsets.UTF_8));
    }

    @Test
    void nextLinkWithGripLastReturnsTheMissedEventsAndHoldsAgain() throws Exception {
        post("/publish/fruit", "one");
        post("/publish/fruit?skip=1", "two");
        post("/publish/fruit", "three");
        HttpResponse<String> r = get("/events/fruit?link=next&recover=true", GripLast.header("events-fruit", "1"));
        GripInstruction i = instruction(r);
        assertEquals("id: 2\nevent: message\ndata: two\n\nid: 3\nevent: message\ndata: three\n\n",
                new String(i.body(), StandardCharsets.UTF_8));
        assertEquals(HoldMode.STREAM, i.hold());
        assertEquals("3", i.channels().get(0).prevId());
    }

    @Test
    void moreThanAPageAnswersWithoutHoldAndChainsThroughTheNextLink() throws Exception {
        for (String data : new String[] {"a", "b", "c"}) {
            post("/publish/fruit", data);
        }
        GripInstruction first = instruction(get("/events/fruit?link=next&recover=true",
                GripLast.header("events-fruit", "0")));
        assertEquals(null, first.hold());
        assertEquals(URI.create("/events/fruit?link=next&lastEventId=2"), first.nextLink().uri());
        assertTrue(new String(first.body(), StandardCharsets.UTF_8).endsWith("id: 2\nevent: message\ndata: b\n\n"));
        URI next = first.nextLink().resolve(origin.uri("/events/fruit?link=next&recover=true"));
        // A page's link resumes from its own lastEventId: the proxy's Grip-Last, which pages do not move, is ignored.
        GripInstruction second = instruction(get(next.getRawPath() + "?" + next.getRawQuery(),
                GripLast.header("events-fruit", "0")));
        assertEquals(HoldMode.STREAM, second.hold());
        assertEquals("id: 3\nevent: message\ndata: c\n\n", new String(second.body(), StandardCharsets.UTF_8));
    }

    @Test
    void lastEventIdResumesAReconnectingClient() throws Exception {
        post("/publish/fruit", "one");
        post("/publish/fruit", "two");
        GripInstruction i = instruction(get("/events/fruit", new Header("Last-Event-ID", "1")));
        assertEquals("event: stream-open\ndata:\n\nid: 2\nevent: message\ndata: two\n\n",
                new String(i.body(), StandardCharsets.UTF_8));
        assertEquals("2", i.channels().get(0).prevId());
    }
}
