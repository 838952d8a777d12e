package dev.tack.proxy.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tack.proxy.delivery.StreamPosition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Positions as clients see them: Tack's token and the channel composite (docs/history.md "Positions"). */
class TokensTest {

    @Test
    void tokenNamesEpochAndOffset() {
        assertEquals("t1.k3x9qa7.42", Tokens.token(new StreamPosition("k3x9qa7", 42)));
        assertEquals(new StreamPosition("k3x9qa7", 42), Tokens.parseToken("t1.k3x9qa7.42"));
    }

    @Test
    void otherValuesAreNotTokens() {
        assertNull(Tokens.parseToken("42"));
        assertNull(Tokens.parseToken("t1.K3X.42"));
        assertNull(Tokens.parseToken("t1.k3x"));
        assertNull(Tokens.parseToken("t2.k3x.42"));
        assertNull(Tokens.parseToken("t1.k3x.-1"));
    }

    @Test
    void compositeQuotesChannelNames() {
        Map<String, StreamPosition> positions = new LinkedHashMap<>();
        positions.put("news", new StreamPosition("ab", 7));
        positions.put("room:1,a b", new StreamPosition("cd", 0));
        String id = Tokens.composite(positions);
        assertEquals("news:t1.ab.7,room%3A1%2Ca%20b:t1.cd.0", id);
        assertEquals(Map.of("news", "t1.ab.7", "room:1,a b", "t1.cd.0"), Tokens.parseComposite(id));
    }

    @Test
    void djangoEventstreamCompositeIsRead() {
        assertEquals(Map.of("events-fruit", "3", "events-veg", "7"),
                Tokens.parseComposite("events-fruit:3,events-veg:7"));
        assertEquals(Map.of("ünï", "1"), Tokens.parseComposite("%C3%BCn%C3%AF:1"));
    }

    @Test
    void valuesThatAreNoCompositeAreBare() {
        assertNull(Tokens.parseComposite("42"));
        assertNull(Tokens.parseComposite(":42"));
        assertNull(Tokens.parseComposite("a:1,2"));
        assertNull(Tokens.parseComposite("bad%zz:1"));
        assertNull(Tokens.parseComposite("bad%2:1"));
        // a URN reads as a composite of one channel "urn"; the resume then takes the whole value as an id
        assertEquals(Map.of("urn", "uuid:1"), Tokens.parseComposite("urn:uuid:1"));
    }
}
