package dev.tack.proxy.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.Browser;
import dev.tack.proxy.testing.SocketRelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Q&amp;A board page in two headless Chromium sessions (two profiles: two people) in one room through Tack.
 * Every change one makes shows up in the other's page within {@link #SEEN_WITHIN}: a question, an upvote, a
 * host's answer and deletion, a room rename with a new colour, a display-name change. Ends with a screenshot in
 * {@code target/qa-board.png} (copied by hand to {@code docs/qa-board.png}). A page whose connection drops catches
 * up from Tack's history when it is back, without loading the room again. Skipped without Chromium.
 */
class QaBoardBrowserTest {
    /** How soon a change must reach the other browser (the demo's promise is "within a second or two"). */
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(2);
    /** How long a browser may take for its own steps (starting, loading a page, connecting). */
    private static final Duration OWN_STEP = Duration.ofSeconds(15);
    private static final String ROOM = "town-hall";

    private final List<Browser> browsers = new ArrayList<>();
    private DemoStack stack;

    @BeforeEach
    void start() throws Exception {
        dev.tack.proxy.testing.Needs.external(Browser.available(), Browser.INSTALL_HINT);
        stack = DemoStack.start();
    }

    @AfterEach
    void stop() {
        browsers.forEach(Browser::close);
        if (stack != null) {
            stack.close();
        }
    }

    /** A new browser with its own profile (a person of its own), closed after the test. */
    private Browser browser(int width, int height) throws Exception {
        Browser browser = Browser.open(width, height);
        browsers.add(browser);
        return browser;
    }

    private void join(Browser browser, String name, boolean asHost) {
        join(browser, name, asHost, stack.http("/?room=" + ROOM).toString());
    }

    private void join(Browser browser, String name, boolean asHost, String url) {
        browser.driver.get(url);
        browser.await(OWN_STEP, ExpectedConditions.visibilityOfElementLocated(By.id("join-name")));
        assertEquals(ROOM, browser.find(By.id("join-room")).getDomProperty("value"));
        browser.type(By.id("join-name"), name);
        if (asHost) {
            browser.find(By.id("join-host")).click();
        }
        browser.find(By.id("join-button")).click();
        browser.await(OWN_STEP, ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));
    }

    private void ask(Browser browser, String text) {
        browser.type(By.id("ask-text"), text);
        browser.find(By.id("ask-button")).click();
    }

    private static By question(String text) {
        return By.xpath("//li[contains(@class,'question')][.//p[contains(@class,'text') and normalize-space()="
                + "'" + text + "']]");
    }

    private static By inQuestion(String text, String cssClass) {
        return By.xpath("//li[contains(@class,'question')][.//p[contains(@class,'text') and normalize-space()="
                + "'" + text + "']]//*[contains(concat(' ', @class, ' '), ' " + cssClass + " ')]");
    }

    /** Waits until the other browser shows {@code text} in the element {@code by}. */
    private static void sees(Browser browser, By by, String text) {
        browser.await(SEEN_WITHIN, ExpectedConditions.textToBe(by, text));
    }

    @Test
    void twoPeopleInOneRoomSeeEachOthersChanges() throws Exception {
        Browser host = browser(1000, 900);
        Browser attendee = browser(1000, 800);
        join(host, "Hannah", true);
        join(attendee, "Alice", false);
        await().until(() -> stack.tack.subscriptions() == 2);

        // a question posted by one shows up for the other, upvoted by its author
        String q1 = "How does Tack hold 100k connections on one box?";
        ask(attendee, q1);
        host.await(SEEN_WITHIN, ExpectedConditions.visibilityOfElementLocated(question(q1)));
        assertEquals("1", host.find(inQuestion(q1, "count")).getText());
        assertEquals("Alice", host.find(inQuestion(q1, "author")).getText());

        // an upvote
        host.find(inQuestion(q1, "vote")).click();
        sees(attendee, inQuestion(q1, "count"), "2");

        // the host's answer
        host.find(inQuestion(q1, "answer-open")).click();
        String answer = "One event loop per core and a few kilobytes per connection.";
        host.type(inQuestion(q1, "answer-input"), answer);
        host.find(inQuestion(q1, "answer-save")).click();
        sees(attendee, inQuestion(q1, "answer-text"), answer);
        assertEquals("Hannah", attendee.find(inQuestion(q1, "answer-author")).getText());

        // the host's deletion
        String spam = "Buy cheap watches!";
        ask(attendee, spam);
        host.await(SEEN_WITHIN, ExpectedConditions.visibilityOfElementLocated(question(spam)));
        host.find(inQuestion(spam, "delete")).click();
        attendee.await(SEEN_WITHIN, ExpectedConditions.invisibilityOfElementLocated(question(spam)));

        // the host renames the room and picks another colour
        host.find(By.cssSelector("#host-panel summary")).click();
        host.type(By.id("room-name-input"), "Tack town hall");
        host.find(By.cssSelector(".swatch[data-color='#6e1786']")).click();
        host.find(By.id("room-save")).click();
        sees(attendee, By.id("room-title"), "Tack town hall");
        attendee.await(SEEN_WITHIN, ExpectedConditions.attributeToBe(By.cssSelector("header.bar"),
                "background-color", "rgba(110, 23, 134, 1)"));

        // the attendee changes their display name
        attendee.find(By.id("rename-open")).click();
        attendee.type(By.id("rename-input"), "Alice Liddell");
        attendee.find(By.id("rename-save")).click();
        sees(host, inQuestion(q1, "author"), "Alice Liddell");

        // a fuller room for the screenshot
        String q2 = "Can it run next to Pushpin while we migrate?";
        String q3 = "Which GRIP libraries work with it unchanged?";
        ask(attendee, q2);
        ask(host, q3);
        attendee.await(SEEN_WITHIN, ExpectedConditions.visibilityOfElementLocated(question(q3)));
        attendee.find(inQuestion(q3, "vote")).click();
        sees(host, inQuestion(q3, "count"), "2");
        attendee.await(OWN_STEP, ExpectedConditions.textToBe(inQuestion(q3, "count"), "2"));
        attendee.await(SEEN_WITHIN, ExpectedConditions.visibilityOfElementLocated(question(q2)));
        screenshot(attendee, "qa-board.png");
    }

    @Test
    void aPageThatLosesItsConnectionCatchesUpWithoutLoadingTheRoomAgain() throws Exception {
        try (SocketRelay relay = new SocketRelay(stack.tack.clientPort())) {
            Browser host = browser(1000, 900);
            Browser attendee = browser(1000, 800);
            join(host, "Hannah", true);
            join(attendee, "Alice", false, "http://127.0.0.1:" + relay.port() + "/?room=" + ROOM);
            await().until(() -> stack.tack.subscriptions() == 2);
            String before = "Is anyone there?";
            ask(attendee, before);
            host.await(SEEN_WITHIN, ExpectedConditions.visibilityOfElementLocated(question(before)));

            // The attendee's network goes away; the room goes on without them.
            relay.cut();
            attendee.await(OWN_STEP, ExpectedConditions.attributeToBe(By.id("status"), "data-state", "connecting"));
            String missed = "What did I miss while I was offline?";
            ask(host, missed);
            host.await(SEEN_WITHIN, ExpectedConditions.visibilityOfElementLocated(question(missed)));
            host.find(inQuestion(before, "vote")).click();
            sees(host, inQuestion(before, "count"), "2");

            // Back online: the page reconnects with recover= and Tack replays what it missed.
            relay.restore();
            attendee.await(OWN_STEP, ExpectedConditions.visibilityOfElementLocated(question(missed)));
            attendee.await(OWN_STEP, ExpectedConditions.textToBe(inQuestion(before, "count"), "2"));
            assertEquals("live", attendee.find(By.id("status")).getDomAttribute("data-state"));
            Object roomLoads = attendee.driver.executeScript("return performance.getEntriesByType('resource')"
                    + ".filter((e) => e.name.includes('/full')).length;");
            assertEquals(1L, roomLoads, "the room was loaded once, when the page opened");
            assertTrue(stack.tack.metric("tack_history_recover_total{result=\"recovered\"}") >= 1);
        }
    }

    @Test
    void pageFitsAPhoneScreen() throws Exception {
        Browser host = browser(390, 844);
        join(host, "Hannah", true);
        ask(host, "Does the page fit a phone without scrolling sideways?");
        host.await(OWN_STEP, ExpectedConditions.visibilityOfElementLocated(
                question("Does the page fit a phone without scrolling sideways?")));
        Object overflow = host.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, overflow);
        screenshot(host, "qa-board-phone.png");
    }

    /** Writes what the browser shows to {@code target/<name>}. */
    private static void screenshot(Browser browser, String name) throws Exception {
        browser.screenshot(Path.of("target", name));
    }
}
