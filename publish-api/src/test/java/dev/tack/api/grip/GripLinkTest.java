package dev.tack.api.grip;

import static dev.tack.api.grip.GripHeadersTest.error;
import static dev.tack.api.grip.GripHeadersTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per {@code Grip-Link} and reliability rule (docs/compatibility.md, "Reliable GRIP"). */
class GripLinkTest {

    @Test
    void nextLinkWithTimeout() throws Exception {
        GripInstruction i = parse("Grip-Hold", "stream", "Grip-Link", "</fruit/?after=3>; rel=next; timeout=60");
        assertEquals(new NextLink(URI.create("/fruit/?after=3"), 60), i.nextLink());
        assertNull(i.goneLink());
    }

    @Test
    void nextLinkTimeoutDefaultsTo120AndZeroIsAllowed() throws Exception {
        assertEquals(120, parse("Grip-Link", "<http://o/next>; rel=next").nextLink().timeoutSeconds());
        assertEquals(0, parse("Grip-Link", "</n>; rel=next; timeout=0").nextLink().timeoutSeconds());
    }

    @Test
    void nextLinkTimeoutMustBeANonNegativeInteger() {
        assertEquals("failed to parse Grip-Link timeout value", error("Grip-Link", "</n>; rel=next; timeout=5s"));
        assertEquals("failed to parse Grip-Link timeout value", error("Grip-Link", "</n>; rel=next; timeout"));
        assertEquals("Grip-Link timeout has invalid value", error("Grip-Link", "</n>; rel=next; timeout=-1"));
    }

    @Test
    void goneLink() throws Exception {
        GripInstruction i = parse("Grip-Hold", "stream", "Grip-Link", "</left?c=7>; rel=gone");
        assertEquals(URI.create("/left?c=7"), i.goneLink());
        assertNull(i.nextLink());
    }

    @Test
    void nextAndGoneLinksInOneHeaderOrSeveral() throws Exception {
        GripInstruction one = parse("Grip-Link", "</n>; rel=next, </g>; rel=gone");
        GripInstruction two = parse("Grip-Link", "</n>; rel=next", "Grip-Link", "</g>; rel=gone");
        assertEquals(URI.create("/n"), one.nextLink().uri());
        assertEquals(URI.create("/g"), one.goneLink());
        assertEquals(one, two);
    }

    @Test
    void aLaterLinkOfTheSameRelWins() throws Exception {
        assertEquals(URI.create("/second"),
                parse("Grip-Link", "</first>; rel=next", "Grip-Link", "</second>; rel=next").nextLink().uri());
    }

    @Test
    void anEntryWithoutParametersIsSkipped() throws Exception {
        assertNull(parse("Grip-Link", "</n>").nextLink());
        assertNull(parse("Grip-Link", "nonsense").nextLink());
    }

    @Test
    void theValueMustBeAngleBracketedAndNotEmpty() {
        assertEquals("failed to parse Grip-Link value", error("Grip-Link", "/n; rel=next"));
        assertEquals("failed to parse Grip-Link value", error("Grip-Link", "<>; rel=next"));
        assertEquals("failed to parse Grip-Link value", error("Grip-Link", "</n; rel=next"));
    }

    @Test
    void everyRelIsCheckedEvenOnesThatAreIgnored() throws Exception {
        // Pushpin 1.41 checks every link with parameters; 1.36 checked rel=next only.
        assertEquals("failed to parse Grip-Link value", error("Grip-Link", "/prev; rel=prev"));
        assertNull(parse("Grip-Link", "</p>; rel=prev").nextLink());
        assertNull(parse("Grip-Link", "</p>; rel=NEXT").nextLink()); // rel values are case sensitive
    }

    @Test
    void theLinkMustBeAUriReference() {
        assertEquals("Grip-Link contains invalid link", error("Grip-Link", "<http://host:port/>; rel=next"));
        assertEquals("Grip-Link contains invalid link", error("Grip-Link", "<http://[zz/>; rel=next"));
    }

    @Test
    void linksAreReadTolerantly() throws Exception {
        assertEquals(URI.create("/a%20b?q=%7Bx%7D"), parse("Grip-Link", "</a b?q={x}>; rel=next").nextLink().uri());
        String utf8Wire = new String("/caf\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals(URI.create("/caf%C3%A9"), parse("Grip-Link", "<" + utf8Wire + ">; rel=next").nextLink().uri());
        assertEquals(URI.create("http://my_origin:8080/n"),
                parse("Grip-Link", "<http://my_origin:8080/n>; rel=next").nextLink().uri());
    }

    @Test
    void gripLinkIsStrippedFromTheClientHeaders() throws Exception {
        assertEquals(List.of(new Header("Content-Type", "text/plain")),
                parse("Grip-Link", "</n>; rel=next").headers());
    }

    @Test
    void aGripLinkHeaderStillCountsNextToAJsonInstruct() throws Exception {
        List<Header> headers = List.of(new Header("Content-Type", "application/grip-instruct"),
                new Header("Grip-Link", "</n>; rel=next"));
        byte[] body = "{\"hold\":{\"mode\":\"stream\",\"channels\":[{\"name\":\"c\",\"prev-id\":\"1\"}]}}"
                .getBytes(StandardCharsets.UTF_8);
        GripInstruction i = GripInstructionParser.parse(200, "OK", headers, body);
        assertEquals(URI.create("/n"), i.nextLink().uri());
        assertTrue(i.prevIdWithoutNextLink().isEmpty());
    }

    @Test
    void streamHoldWithPrevIdNeedsANextLink() throws Exception {
        assertEquals("channel 'fruit' specifies prev-id, but no next link found",
                parse("Grip-Hold", "stream", "Grip-Channel", "veg, fruit; prev-id=3").prevIdWithoutNextLink()
                        .orElseThrow());
        assertTrue(parse("Grip-Hold", "stream", "Grip-Channel", "fruit; prev-id=3", "Grip-Link", "</n>; rel=next")
                .prevIdWithoutNextLink().isEmpty());
        assertTrue(parse("Grip-Hold", "response", "Grip-Channel", "fruit; prev-id=3").prevIdWithoutNextLink()
                .isEmpty());
    }

    @Test
    void nextLinkResolvesAgainstTheCurrentUri() {
        NextLink link = new NextLink(URI.create("?after=4"), 120);
        assertEquals(URI.create("http://o.example/fruit/?after=4"),
                link.resolve(URI.create("http://o.example/fruit/?after=3")));
        assertEquals(URI.create("http://o.example/veg"),
                new NextLink(URI.create("../veg"), 1).resolve(URI.create("http://o.example/fruit/x")));
    }

    @Test
    void retryDelaysDoubleFromOneSecondPlusJitter() {
        assertEquals(1000, NextLink.retryDelayMillis(0, 0));
        assertEquals(2999, NextLink.retryDelayMillis(1, 999));
        assertEquals(16_500, NextLink.retryDelayMillis(4, 500));
        assertThrows(IllegalArgumentException.class, () -> NextLink.retryDelayMillis(5, 0));
        assertThrows(IllegalArgumentException.class, () -> NextLink.retryDelayMillis(0, 1000));
    }

    @Test
    void gripSetMetaLaterKeysWinAcrossHeaders() throws Exception {
        GripInstruction i = parse("Grip-Set-Meta", "user=alice, id_format=\"%(c)s\"", "Grip-Set-Meta", "user=bob");
        assertEquals(Map.of("user", "bob", "id_format", "%(c)s"), i.meta());
    }

    @Test
    void jsonHoldMetaOverridesGripSetMeta() throws Exception {
        List<Header> headers = List.of(new Header("Content-Type", "application/grip-instruct"),
                new Header("Grip-Set-Meta", "user=alice, room=1"));
        byte[] body = "{\"hold\":{\"channels\":[{\"name\":\"c\"}],\"meta\":{\"user\":\"bob\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("user", "bob", "room", "1"), GripInstructionParser.parse(200, "OK", headers, body).meta());
    }
}
