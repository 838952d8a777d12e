package dev.tack.proxy.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.Browser;
import dev.tack.proxy.testing.Needs;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.TackFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The status page in headless Chromium: it goes live over its own SSE feed, then 50 SSE clients connect through
 * Tack and publishes flow, and the page shows the connection count reach 50, the busiest channels, and a
 * delivery rate above zero. Ends with a screenshot in {@code target/status-page.png} (copied by hand to
 * {@code docs/status-page.png}). Skipped without Chromium.
 */
class StatusPageBrowserTest {
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final List<String> CHANNELS = List.of("prices", "news", "alerts", "room-42");

    private OriginServer origin;
    private TackFixture tack;
    private StreamClients clients;
    private Browser browser;
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws Exception {
        Needs.external(Browser.available(), Browser.INSTALL_HINT);
        origin = new OriginServer();
        for (String channel : CHANNELS) {
            origin.on("/events/" + channel, r -> Reply.of(200, "", "Content-Type", "text/event-stream",
                    "Grip-Hold", "stream", "Grip-Channel", channel));
        }
        tack = TackFixture.start(List.of("*,id=events 127.0.0.1:" + origin.port()));
        clients = new StreamClients();
    }

    @AfterEach
    void stop() {
        publisher.shutdownNow();
        if (browser != null) {
            browser.close();
        }
        if (clients != null) {
            clients.close();
        }
        if (tack != null) {
            tack.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private String text(String id) {
        return browser.find(By.id(id)).getText();
    }

    @Test
    void pageShowsConnectionsAndDeliveriesAsTheyHappen() throws Exception {
        browser = Browser.open(1280, 1440);
        int adminPort = tack.server().prometheusAddress().getPort();
        browser.driver.get("http://127.0.0.1:" + adminPort + "/status");
        browser.await(WITHIN, ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));
        browser.await(WITHIN, ExpectedConditions.textToBe(By.id("connections-total"), "0"));
        assertEquals("0", text("delivery-rate"));

        // 50 SSE clients, most of them on the busiest channels
        int[] perChannel = {24, 14, 8, 4};
        for (int i = 0; i < CHANNELS.size(); i++) {
            clients.open(tack.clientPort(), "/events/" + CHANNELS.get(i), perChannel[i]);
        }
        await().atMost(WITHIN).until(() -> tack.subscriptions() == 50);
        browser.await(WITHIN, ExpectedConditions.textToBe(By.id("connections-total"), "50"));
        browser.await(WITHIN, ExpectedConditions.textToBe(By.id("subscriptions"), "50"));
        browser.await(WITHIN, ExpectedConditions.textToBe(
                By.cssSelector("#top-channels tbody tr:first-child td:first-child"), "prices"));

        // a publish to every channel five times a second
        publisher.scheduleAtFixedRate(() -> {
            try {
                for (String channel : CHANNELS) {
                    tack.publishStream(channel, "data: tick\n\n");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        browser.await(WITHIN, d -> Double.parseDouble(text("delivery-rate").replace(",", "")) > 0);
        browser.await(WITHIN, d -> Double.parseDouble(text("publish-rate").replace(",", "")) > 0);
        assertTrue(text("connections-split").contains("50"), text("connections-split"));
        assertEquals("events", browser.find(By.cssSelector("#routes tbody tr td:first-child")).getText());
        // a few seconds of chart for the picture
        browser.await(WITHIN, d -> Integer.parseInt(browser.find(By.id("chart")).getDomAttribute("data-samples")) >= 10);
        browser.screenshot(Path.of("target", "status-page.png"));
    }
}
