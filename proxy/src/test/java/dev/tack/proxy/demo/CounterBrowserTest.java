package dev.tack.proxy.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.testing.Browser;
import dev.tack.proxy.testing.Needs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The counter page in headless Chromium, through Tack with the demo's history: "Drop connection" closes the
 * browser's EventSource for three seconds, increments made meanwhile are replayed when the page comes back with
 * {@code ?last_event_id=}, and its log shows every value once. Skipped without Chromium.
 */
class CounterBrowserTest {
    private static final Duration OWN_STEP = Duration.ofSeconds(15);

    private DemoStack stack;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        Needs.external(Browser.available(), Browser.INSTALL_HINT);
        stack = DemoStack.start();
        browser = Browser.open(900, 800);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private void increment() throws Exception {
        stack.tack.http().send(HttpRequest.newBuilder(stack.http("/counter/1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void droppedPageGetsTheIncrementsItMissedWhenItComesBack() throws Exception {
        browser.driver.get(stack.http("/counter.html").toString());
        browser.await(OWN_STEP, ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));
        increment();
        increment();
        browser.await(OWN_STEP, ExpectedConditions.textToBe(By.id("value"), "2"));

        browser.find(By.id("drop")).click();
        browser.await(OWN_STEP, ExpectedConditions.attributeToBe(By.id("status"), "data-state", "connecting"));
        increment();
        increment();
        increment();
        browser.await(OWN_STEP, ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));
        browser.await(OWN_STEP, ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "update: 5"));

        String log = browser.find(By.id("log")).getText();
        List<String> lines = List.of(log.split("\n"));
        assertEquals(List.of("connected: value 0", "update: 1", "update: 2", lines.get(3), "connected: value 5",
                "update: 3", "update: 4", "update: 5"), lines);
        assertEquals("5", browser.find(By.id("value")).getText());
    }
}
