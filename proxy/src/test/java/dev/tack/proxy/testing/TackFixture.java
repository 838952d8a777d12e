package dev.tack.proxy.testing;

import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RoutesParser;
import dev.tack.proxy.server.ServerSettings;
import dev.tack.proxy.server.TackServer;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A Tack server on loopback ephemeral ports, with helpers to reach its client and publish listeners. */
public final class TackFixture implements AutoCloseable {

    public static final String SIG_KEY = "changeme";

    private final TackServer server;
    private final DrivenTime time;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TackFixture(TackServer server, DrivenTime time) {
        this.server = server;
        this.time = time;
    }

    /** Starts Tack with the given routes lines ({@code {origin}} stands for the origin's port). */
    public static TackFixture start(List<String> routeLines) throws Exception {
        return start(routeLines, s -> s);
    }

    public static TackFixture start(List<String> routeLines, UnaryOperator<ServerSettings.Builder> adjust)
            throws Exception {
        return start(routeLines, adjust, null);
    }

    /**
     * Starts Tack with every timer on {@code time}, which the test moves on with {@link #advance}; with {@code
     * null}, timers run in real time.
     */
    public static TackFixture start(List<String> routeLines, UnaryOperator<ServerSettings.Builder> adjust,
            DrivenTime time) throws Exception {
        List<String> warnings = new ArrayList<>();
        List<Route> routes = RoutesParser.parse(routeLines, warnings::add);
        ServerSettings settings = adjust.apply(ServerSettings.loopback(routes, SIG_KEY).toBuilder()).build();
        TackServer server = time == null ? TackServer.start(settings, Clock.systemUTC())
                : TackServer.start(settings, Clock.systemUTC(), time);
        return new TackFixture(server, time);
    }

    /**
     * Moves Tack's driven time on by {@code step} until {@code condition} holds (a timer may be set a moment after
     * what the test waits on, so one step is not always enough); fails after 10 s of real time.
     */
    public void advanceUntil(Duration step, java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            advance(step);
            return condition.getAsBoolean();
        });
    }

    /** Moves Tack's driven time on; every timer that falls due runs before this returns. */
    public void advance(Duration by) {
        if (time == null) {
            throw new IllegalStateException("this Tack runs on real time; start it with a DrivenTime");
        }
        time.advance(by);
    }

    public int clientPort() {
        return server.clientAddresses().get(0).getPort();
    }

    public int publishPort() {
        return server.publishAddress().getPort();
    }

    public URI clientUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + clientPort() + pathAndQuery);
    }

    public URI publishUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + publishPort() + pathAndQuery);
    }

    public TackServer server() {
        return server;
    }

    public SubscriptionRegistry registry() {
        return server.registry();
    }

    public HttpClient http() {
        return http;
    }

    /** Publishes a raw JSON body to {@code /publish/} and returns the response. */
    public HttpResponse<String> publish(String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(publishUri("/publish/"))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Publishes an {@code http-stream} item (JSON-escaped here) and asserts it was accepted. */
    public void publishStream(String channel, String content) throws IOException, InterruptedException {
        HttpResponse<String> response = publish("{\"items\":[{\"channel\":\"" + channel
                + "\",\"formats\":{\"http-stream\":{\"content\":" + Json.quote(content) + "}}}]}");
        if (response.statusCode() != 200) {
            throw new AssertionError("publish answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** How many subscriptions the registry holds now (over every event loop). */
    public int subscriptions() {
        return server.registry().counts().join().subscriptions();
    }

    public int channels() {
        return server.registry().counts().join().channels();
    }

    /** A metric's value from the Prometheus text ({@code engine_received_total}, say); 0 when absent. */
    public double metric(String name) {
        for (String line : server.metrics().scrape().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() {
        server.close();
    }
}
