package dev.tack.proxy.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics port over real sockets: metrics on any path, the status page, its data, its token, its limits. */
class AdminPortTest {
    private final ObjectMapper json = new ObjectMapper();

    private static URI admin(TackFixture tack, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + tack.server().prometheusAddress().getPort() + pathAndQuery);
    }

    private static HttpResponse<String> get(TackFixture tack, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(admin(tack, path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return tack.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusJsonShowsConnectionsTheBusiestChannelsAndTheRoutes() throws Exception {
        try (OriginServer origin = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("*,id=web 127.0.0.1:" + origin.port()));
                StreamClients clients = new StreamClients()) {
            origin.on("/a", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "a"));
            origin.on("/b", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "b"));
            clients.open(tack.clientPort(), "/a", 3);
            clients.open(tack.clientPort(), "/b", 1);
            await().until(() -> tack.subscriptions() == 4);
            HttpResponse<String> response = get(tack, "/status.json");
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
            JsonNode report = json.readTree(response.body());
            assertEquals(4, report.get("connections").get("total").asInt());
            assertEquals(4, report.get("subscriptions").asInt());
            assertEquals("a", report.get("topChannels").get(0).get("channel").asText());
            assertEquals(3, report.get("topChannels").get(0).get("subscribers").asInt());
            assertEquals("b", report.get("topChannels").get(1).get("channel").asText());
            assertEquals("web", report.get("routes").get(0).get("route").asText());
            assertEquals(2, report.get("eventLoops").size());
            assertTrue(report.get("config").get("routes").asText().startsWith("web -> 127.0.0.1:"), report.toString());
        }
    }

    @Test
    void eventsStreamAReportEverySecondAsServerSentEvents() throws Exception {
        try (TackFixture tack = TackFixture.start(List.of())) {
            HttpResponse<InputStream> response = tack.http().send(HttpRequest.newBuilder(admin(tack, "/status/events"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                assertEquals("retry: 2000", in.readLine());
                int reports = 0;
                for (String line = in.readLine(); reports < 2; line = in.readLine()) {
                    if (line.startsWith("data: ")) {
                        JsonNode report = json.readTree(line.substring(6));
                        assertTrue(report.get("version").asText().startsWith("tack "));
                        reports++;
                    }
                }
            }
        }
    }

    @Test
    void theTokenGuardsMetricsAndStatusDataButNotThePageItself() throws Exception {
        try (TackFixture tack = TackFixture.start(List.of(), s -> s.admin(new AdminSettings("s3cret", Map.of(), 10)))) {
            HttpResponse<String> refused = get(tack, "/metrics");
            assertEquals(401, refused.statusCode());
            assertEquals("Bearer realm=\"tack\"", refused.headers().firstValue("www-authenticate").orElse(""));
            assertEquals(401, get(tack, "/status.json").statusCode());
            assertEquals(401, get(tack, "/status/events").statusCode());
            assertEquals(401, get(tack, "/metrics", "Authorization", "Bearer wrong").statusCode());
            assertEquals(200, get(tack, "/metrics", "Authorization", "Bearer s3cret").statusCode());
            assertEquals(200, get(tack, "/status.json?access_token=s3cret").statusCode());
            assertEquals(200, get(tack, "/status").statusCode());
            assertEquals(200, get(tack, "/status/status.js").statusCode());
        }
    }

    @Test
    void anyOtherPathIsTheMetricsAsInPushpin() throws Exception {
        try (TackFixture tack = TackFixture.start(List.of())) {
            HttpResponse<String> response = get(tack, "/whatever");
            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("content-type").get());
            assertTrue(response.body().startsWith("# HELP request_received Number of requests received\n"));
        }
    }

    @Test
    void onlyGetAndHeadAreServed() throws Exception {
        try (TackFixture tack = TackFixture.start(List.of())) {
            HttpResponse<String> response = tack.http().send(HttpRequest.newBuilder(admin(tack, "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, response.statusCode());
            assertEquals("GET, HEAD", response.headers().firstValue("allow").orElse(""));
            assertEquals("Method not allowed: POST (expected: GET or HEAD).\n", response.body());
        }
    }

    @Test
    void tooManyStatusViewersAreTurnedAway() throws Exception {
        try (TackFixture tack = TackFixture.start(List.of())) {
            List<HttpResponse<InputStream>> viewers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < StatusFeed.MAX_WATCHERS; i++) {
                    viewers.add(tack.http().send(HttpRequest.newBuilder(admin(tack, "/status/events")).build(),
                            HttpResponse.BodyHandlers.ofInputStream()));
                }
                HttpResponse<String> oneTooMany = get(tack, "/status/events");
                assertEquals(503, oneTooMany.statusCode());
                assertEquals("Too many status page viewers (at most 32).\n", oneTooMany.body());
            } finally {
                for (HttpResponse<InputStream> viewer : viewers) {
                    viewer.body().close();
                }
            }
        }
    }
}
