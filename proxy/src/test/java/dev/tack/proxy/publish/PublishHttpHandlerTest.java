package dev.tack.proxy.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The publish handler on an EmbeddedChannel: one test per answer Pushpin gives (docs/compatibility.md "Publishing").
 */
class PublishHttpHandlerTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final TackMetrics metrics = new TackMetrics("");
    private final PublishService service = PublishService.local(new SubscriptionRegistry(loops),
            UnpooledByteBufAllocator.DEFAULT, metrics, 5000, 0, loops.next(), dev.tack.proxy.time.TimeSource.LOOPS);

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The parts of a reply that the tests look at; the reply itself is released. */
    private record Answer(int code, io.netty.handler.codec.http.HttpHeaders headers, String body) {
        io.netty.handler.codec.http.HttpResponseStatus status() {
            return io.netty.handler.codec.http.HttpResponseStatus.valueOf(code);
        }
    }

    private Answer exchange(PublishSettings settings, FullHttpRequest request) {
        EmbeddedChannel channel = new EmbeddedChannel(new PublishHttpHandler(service,
                new PublishAuth(settings, Clock.systemUTC()), settings, metrics));
        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();
        assertFalse(channel.isOpen(), "every publish reply closes the connection");
        assertFalse(channel.finish());
        try {
            return new Answer(response.status().code(), response.headers(),
                    response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    private Answer exchange(FullHttpRequest request) {
        return exchange(PublishSettings.open(), request);
    }

    private static FullHttpRequest post(String uri, String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set("Content-Length", request.content().readableBytes());
        return request;
    }

    private static String text(Answer answer) {
        return answer.body();
    }

    private static final String ITEM = "{\"items\":[{\"channel\":\"c\",\"formats\":{\"http-stream\":{\"content\":\"x\"}}}]}";

    @Test
    void publishAnswersPublished() {
        Answer response = exchange(post("/publish/", ITEM));
        assertEquals(200, response.status().code());
        assertEquals("text/plain", response.headers().get("Content-Type"));
        assertEquals("Published\n", text(response));
    }

    @Test
    void publishWithoutTrailingSlashOrWithQueryIsAccepted() {
        assertEquals("Published\n", text(exchange(post("/publish", ITEM))));
        assertEquals("Published\n", text(exchange(post("/publish/?backend=x", ITEM))));
    }

    @Test
    void fastlyPathInAbsoluteFormIsAccepted() {
        assertEquals("Published\n", text(exchange(post("https://api.fastly.com/service/SVC/publish/", ITEM))));
    }

    @Test
    void jsonIsAnsweredWhenAcceptAsksForIt() {
        FullHttpRequest request = post("/publish/", ITEM);
        request.headers().set("Accept", "text/html, application/json");
        Answer response = exchange(request);
        assertEquals("application/json", response.headers().get("Content-Type"));
        assertEquals("{\"message\": \"Published\"}\n", text(response));
    }

    @Test
    void unsupportedAcceptIs406() {
        FullHttpRequest request = post("/publish/", ITEM);
        request.headers().set("Accept", "text/html");
        Answer response = exchange(request);
        assertEquals(406, response.status().code());
        assertEquals("Not Acceptable. Supported formats are text/plain and application/json.\n", text(response));
    }

    @Test
    void invalidJsonIs400() {
        Answer response = exchange(post("/publish/", "{nope"));
        assertEquals(400, response.status().code());
        assertEquals("Body is not valid JSON.\n", text(response));
    }

    @Test
    void missingItemsIs400WithPushpinsText() {
        Answer response = exchange(post("/publish/", "{}"));
        assertEquals(400, response.status().code());
        assertEquals("Invalid format: object does not contain 'items'\n", text(response));
    }

    @Test
    void getOnPublishIs405WithAllow() {
        Answer response = exchange(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/publish/"));
        assertEquals(405, response.status().code());
        assertEquals("POST", response.headers().get("Allow"));
        assertEquals("Method not allowed: GET.\n", text(response));
    }

    @Test
    void unknownPathIs404() {
        Answer response = exchange(post("/nope", ITEM));
        assertEquals(404, response.status().code());
        assertEquals("Not Found\n", text(response));
    }

    @Test
    void rootSaysPushpinApi() {
        Answer response = exchange(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        assertEquals(200, response.status().code());
        assertEquals("Pushpin API\n", text(response));
    }

    @Test
    void postWithoutContentLengthIs411() {
        FullHttpRequest request = post("/publish/", ITEM);
        request.headers().remove("Content-Length");
        Answer response = exchange(request);
        assertEquals(411, response.status().code());
        assertEquals("Request requires Content-Length.\n", text(response));
    }

    @Test
    void bodyOverTheLimitIs400AsPushpinSays() {
        PublishSettings small = new PublishSettings(10, 10_000, "", "", "", "", "", "");
        Answer response = exchange(small, post("/publish/", ITEM));
        assertEquals(400, response.status().code());
        assertEquals("Request body too large.\n", text(response));
    }

    @Test
    void fastlyPathNeedsTheConfiguredKey() {
        PublishSettings keyed = new PublishSettings(1_000_000, 10_000, "SVC", "secret-key", "", "", "", "");
        Answer refused = exchange(keyed, post("/service/SVC/publish/", ITEM));
        assertEquals(401, refused.status().code());
        assertTrue(text(refused).startsWith("Unauthorized: "));
        FullHttpRequest withKey = post("/service/SVC/publish/", ITEM);
        withKey.headers().set("Fastly-Key", "secret-key");
        assertEquals(200, exchange(keyed, withKey).status().code());
        FullHttpRequest bearer = post("/service/SVC/publish/", ITEM);
        bearer.headers().set("Authorization", "Bearer secret-key");
        assertEquals(200, exchange(keyed, bearer).status().code());
        FullHttpRequest otherService = post("/service/OTHER/publish/", ITEM);
        otherService.headers().set("Fastly-Key", "secret-key");
        assertEquals(404, exchange(keyed, otherService).status().code());
    }

    @Test
    void publishPathAcceptsConfiguredBearerAndBasic() {
        PublishSettings keyed = new PublishSettings(1_000_000, 10_000, "", "", "tok", "", "", "user:pass");
        assertEquals(401, exchange(keyed, post("/publish/", ITEM)).status().code());
        FullHttpRequest bearer = post("/publish/", ITEM);
        bearer.headers().set("Authorization", "Bearer tok");
        assertEquals(200, exchange(keyed, bearer).status().code());
        FullHttpRequest basic = post("/publish/", ITEM);
        basic.headers().set("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("user:pass".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, exchange(keyed, basic).status().code());
        FullHttpRequest wrong = post("/publish/", ITEM);
        wrong.headers().set("Authorization", "Bearer nope");
        assertEquals(401, exchange(keyed, wrong).status().code());
    }

    @Test
    void recoverAnswersUpdated() {
        assertEquals("Updated\n", text(exchange(post("/recover", ""))));
    }
}
