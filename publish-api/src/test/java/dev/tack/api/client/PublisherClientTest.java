package dev.tack.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import dev.tack.api.publish.HttpResponseFormat;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.api.sig.GripSigVerifier;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublisherClientTest {
    private static final long NOW = 1_700_000_000L;

    private RecordingPublishServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new RecordingPublishServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private PublisherClient client(String gripUrl) {
        return new PublisherClient(GripUrl.parse(gripUrl),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), Duration.ofSeconds(5));
    }

    @Test
    void plainUrlPostsJsonToPublishWithoutAuth() throws Exception {
        client(server.base() + "/").publishHttpStream("test", "hello\n");
        RecordingPublishServer.Recorded r = server.take();
        assertEquals("POST", r.method());
        assertEquals("/publish/", r.target());
        assertEquals("application/json", r.header("Content-Type"));
        assertNull(r.header("Authorization"));
        assertNull(r.header("Fastly-Key"));
        assertEquals("{\"items\":[{\"channel\":\"test\",\"formats\":{\"http-stream\":{\"content\":\"hello\\n\"}}}]}",
                r.bodyText());
    }

    @Test
    void issAndKeySendAnHs256JwtThatExpiresInTenMinutes() throws Exception {
        client(server.base() + "/?iss=pushpin&key=changeme").publishWsMessage("room-a", "hi");
        String authorization = server.take().header("Authorization");
        assertTrue(authorization.startsWith("Bearer "), authorization);
        String jwt = authorization.substring("Bearer ".length());
        GripSigVerifier verifier = GripSigVerifier.of("changeme", "pushpin");
        assertTrue(verifier.verify(jwt, NOW + 599));
        assertTrue(!verifier.verify(jwt, NOW + 600), "expired at now + 600");
        assertTrue(!GripSigVerifier.of("other", null).verify(jwt, NOW), "signed with the URL's key only");
    }

    @Test
    void base64KeyIsDecodedBeforeSigning() throws Exception {
        client(server.base() + "/?iss=realm&key=base64:c2VjcmV0").publishWsMessage("c", "x");
        String jwt = server.take().header("Authorization").substring("Bearer ".length());
        assertTrue(GripSigVerifier.of("secret", "realm").verify(jwt, NOW));
    }

    @Test
    void keyWithoutIssIsABearerToken() throws Exception {
        client(server.base() + "/?key=TOKEN_abc").publishWsMessage("c", "x");
        assertEquals("Bearer TOKEN_abc", server.take().header("Authorization"));
    }

    @Test
    void userInfoIsBasicAuth() throws Exception {
        client(server.base().replace("http://", "http://user:pw@") + "/").publishWsMessage("c", "x");
        RecordingPublishServer.Recorded r = server.take();
        assertEquals("Basic dXNlcjpwdw==", r.header("Authorization"));
        assertEquals("/publish/", r.target());
    }

    @Test
    void fastlyServiceUrlPostsToServicePathWithFastlyKey() throws Exception {
        client(server.base() + "/service/SVC123?key=TOKEN&verify-iss=fastly:SVC123")
                .publishHttpStream("counter-1", "data: 1\n\n");
        RecordingPublishServer.Recorded r = server.take();
        assertEquals("/service/SVC123/publish/", r.target());
        assertEquals("TOKEN", r.header("Fastly-Key"));
        assertNull(r.header("Authorization"));
    }

    @Test
    void extraQueryParametersStayOnThePublishRequest() throws Exception {
        client(server.base() + "/?backend=grip-publisher").publishWsMessage("c", "x");
        assertEquals("/publish/?backend=grip-publisher", server.take().target());
    }

    @Test
    void everyFormatAndIdAndPrevIdReachTheBody() throws Exception {
        PublishItem item = PublishItem.of("news",
                        HttpResponseFormat.of(200, List.of(new Header("Content-Type", "text/plain")),
                                "long-poll\n".getBytes(StandardCharsets.UTF_8)),
                        HttpStreamFormat.of("stream\n"),
                        WsMessageFormat.text("ws"))
                .withId("2").withPrevId("1");
        client(server.base() + "/").publish(item);
        assertEquals(List.of(item), PublishJson.decodeRequest(server.take().body()));
    }

    @Test
    void channelAndFormatsPublishOneItem() throws Exception {
        client(server.base() + "/").publish("c", HttpStreamFormat.of("a"), WsMessageFormat.text("b"));
        assertEquals(List.of(PublishItem.of("c", HttpStreamFormat.of("a"), WsMessageFormat.text("b"))),
                PublishJson.decodeRequest(server.take().body()));
    }

    @Test
    void severalItemsGoInOneRequest() throws Exception {
        List<PublishItem> items = List.of(PublishItem.of("a", WsMessageFormat.text("1")),
                PublishItem.of("b", WsMessageFormat.text("2")));
        client(server.base() + "/").publish(items);
        assertEquals(items, PublishJson.decodeRequest(server.take().body()));
    }

    @Test
    void non2xxAnswerIsAnExceptionWithStatusAndBody() {
        server.answer(400, "Invalid format: no formats specified\n");
        PublishException e = assertThrows(PublishException.class,
                () -> client(server.base() + "/").publishWsMessage("c", "x"));
        assertEquals(400, e.status());
        assertEquals("Invalid format: no formats specified\n", e.body());
        assertEquals(server.base() + "/publish/", e.uri().toString());
        assertEquals("publish to " + server.base() + "/publish/ answered 400 (expected: 2xx): "
                + "Invalid format: no formats specified", e.getMessage());
    }

    @Test
    void any2xxAnswerIsSuccess() throws Exception {
        server.answer(204, "");
        client(server.base() + "/").publishWsMessage("c", "x");
        server.take();
    }

    @Test
    void unreachableProxyIsAnExceptionWithStatusZero() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        PublishException e = assertThrows(PublishException.class,
                () -> client("http://127.0.0.1:" + freePort + "/").publishWsMessage("c", "x"));
        assertEquals(0, e.status());
        assertEquals("", e.body());
        assertTrue(e.getMessage().startsWith("publish to http://127.0.0.1:" + freePort + "/publish/ failed"),
                e.getMessage());
    }

    @Test
    void asyncPublishFailsItsFutureWithPublishException() {
        server.answer(401, "the API token is not valid\n");
        CompletionException e = assertThrows(CompletionException.class,
                () -> client(server.base() + "/").publishAsync(List.of(PublishItem.of("c", WsMessageFormat.text("x"))))
                        .join());
        PublishException cause = assertInstanceOf(PublishException.class, e.getCause());
        assertEquals(401, cause.status());
    }

    @Test
    void emptyItemListIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client(server.base() + "/").publish(List.of()));
        assertEquals("items: none (expected: at least one item to publish)", e.getMessage());
    }

    @Test
    void badGripUrlIsRefusedWithTheUrlInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PublisherClient.of("127.0.0.1:5561"));
        assertTrue(e.getMessage().contains("127.0.0.1:5561"), e.getMessage());
    }

    @Test
    void nonPositiveTimeoutIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PublisherClient(GripUrl.parse("http://h/"), HttpClient.newHttpClient(), Clock.systemUTC(),
                        Duration.ZERO));
        assertEquals("timeout: PT0S (expected: a positive duration)", e.getMessage());
    }

    @Test
    void toStringHidesTheKey() {
        assertTrue(!PublisherClient.of("http://h/?key=secret").toString().contains("secret"));
    }
}
