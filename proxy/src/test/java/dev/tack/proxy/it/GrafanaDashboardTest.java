package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric the shipped Grafana dashboard ({@code config/grafana/tack-dashboard.json}) queries is in a live
 * scrape of Tack's metrics port, and so are Pushpin's five metric names, so that the dashboard and Pushpin's own
 * dashboards both work against Tack.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "config", "grafana", "tack-dashboard.json");
    /** A metric name followed by its label selector; every query in the dashboard selects by job and instance. */
    private static final Pattern SELECTED = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");

    /** Every PromQL expression of every panel, with the {@code prometheus_prefix} variable at its default (empty). */
    private static List<String> expressions() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.get("expr").asText().replace("${prefix}", ""));
            }
        }
        return out;
    }

    private static Set<String> queriedMetrics(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions) {
            Matcher m = SELECTED.matcher(expr);
            int found = 0;
            while (m.find()) {
                assertTrue(m.group(2).startsWith("job=~\"$job\",instance=~\"$instance\""), expr);
                names.add(m.group(1));
                found++;
            }
            assertTrue(found > 0, "every query names its metrics with a job/instance selector: " + expr);
        }
        return names;
    }

    @Test
    void everyMetricTheDashboardQueriesIsScraped() throws Exception {
        List<String> expressions = expressions();
        assertTrue(expressions.size() > 20, expressions.toString());
        Set<String> queried = queriedMetrics(expressions);
        try (OriginServer origin = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("*,id=app 127.0.0.1:" + origin.port() + ",over_http"));
                StreamClients clients = new StreamClients()) {
            origin.on("/s", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "m"));
            clients.open(tack.clientPort(), "/s", 2);
            await().until(() -> tack.subscriptions() == 2);
            tack.publishStream("m", "x");
            System.gc(); // the GC pause timer appears with the first collection
            URI metrics = URI.create("http://127.0.0.1:" + tack.server().prometheusAddress().getPort() + "/metrics");
            await().untilAsserted(() -> {
                String scrape = tack.http().send(HttpRequest.newBuilder(metrics).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Set<String> exported = new TreeSet<>();
                scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                        .forEach(l -> exported.add(l.split("[{ ]", 2)[0]));
                Set<String> missing = new TreeSet<>(queried);
                missing.removeAll(exported);
                assertEquals(Set.of(), missing, "queried by the dashboard but not exported");
                for (String pushpin : List.of("request_received", "connection_connected", "connection_minute",
                        "message_received", "message_sent")) {
                    assertTrue(exported.contains(pushpin), pushpin);
                    assertTrue(scrape.contains("\n" + pushpin + " "), "unlabelled, as Pushpin writes it: " + pushpin);
                }
            });
        }
    }

    @Test
    void noChannelNameIsEverALabel() throws Exception {
        try (OriginServer origin = new OriginServer();
                TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + origin.port()));
                StreamClients clients = new StreamClients()) {
            origin.on("/s", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "secret-channel-name"));
            clients.open(tack.clientPort(), "/s", 1);
            await().until(() -> tack.subscriptions() == 1);
            tack.publishStream("secret-channel-name", "x");
            assertFalse(tack.server().metrics().scrape().contains("secret-channel-name"));
        }
    }
}
