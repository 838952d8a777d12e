package dev.tack.api.grip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tack.api.Header;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code Grip-Last} request header, as the proxy writes it and an origin reads it. */
class GripLastTest {

    @Test
    void oneHeaderPerChannelWithAKnownId() {
        Map<String, String> lastIds = new LinkedHashMap<>();
        lastIds.put("fruit", "7");
        lastIds.put("news", null);
        lastIds.put("veg", "a1");
        assertEquals(List.of(new Header("Grip-Last", "fruit; last-id=7"), new Header("Grip-Last", "veg; last-id=a1")),
                GripLast.headers(lastIds));
    }

    @Test
    void idsThatWouldNotReadBackAreQuoted() {
        assertEquals("c; last-id=\"a,b; \\\"c\\\\\"", GripLast.header("c", "a,b; \"c\\").value());
        assertEquals(Map.of("c", "a,b; \"c\\"), GripLast.parse(List.of(GripLast.header("c", "a,b; \"c\\"))));
    }

    @Test
    void textIsSentAsUtf8WireText() {
        Header h = GripLast.header("caf\u00e9", "\u00e9");
        assertEquals("caf\u00c3\u00a9; last-id=\u00c3\u00a9", h.value());
        assertEquals(Map.of("caf\u00e9", "\u00e9"), GripLast.parse(List.of(h)));
    }

    @Test
    void controlCharsCannotBeSent() {
        assertEquals("Grip-Last: channel \"c\", last-id \"a\\u000d\\u000ab\" (expected: no control characters)",
                assertThrows(IllegalArgumentException.class, () -> GripLast.header("c", "a\r\nb")).getMessage());
        assertEquals(List.of(), GripLast.headers(Map.of("c", "a\nb")));
    }

    @Test
    void parseReadsEveryHeaderAndCommaListLaterWins() {
        List<Header> headers = List.of(new Header("grip-last", "a; last-id=1, b; last-id=2"),
                new Header("Grip-Last", "a; last-id=3"), new Header("Grip-Last", "nolastid"),
                new Header("Other", "x; last-id=9"));
        assertEquals(Map.of("a", "3", "b", "2"), GripLast.parse(headers));
    }

    @Test
    void sharingKeyIgnoresQueryAndHeaderOrder() {
        List<Header> one = List.of(GripLast.header("b", "2"), GripLast.header("a", "1"), new Header("X", "y"));
        List<Header> two = List.of(GripLast.header("a", "1"), GripLast.header("b", "2"));
        String key = GripLast.sharingKey(URI.create("http://o/next?client=1"), one);
        assertEquals("auto|http://o/next|a; last-id=1|b; last-id=2", key);
        assertEquals(key, GripLast.sharingKey(URI.create("http://o/next?client=2#f"), two));
    }
}
