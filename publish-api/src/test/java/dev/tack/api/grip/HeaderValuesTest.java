package dev.tack.api.grip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues.Mode;
import dev.tack.api.grip.HeaderValues.Parameters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    private static Parameters params(String value, Mode mode) {
        return HeaderValues.parse(value, mode).orElseThrow();
    }

    @Test
    void firstReturnsOnlyTheFirstOccurrenceUnsplit() {
        List<Header> headers = List.of(new Header("grip-hold", "a, b"), new Header("Grip-Hold", "c"));
        assertEquals("a, b", HeaderValues.first(headers, "Grip-Hold"));
        assertNull(HeaderValues.first(headers, "Grip-Channel"));
    }

    @Test
    void allSplitsEveryOccurrenceOnCommasAndTrims() {
        List<Header> headers = List.of(new Header("Grip-Channel", " a ,b"), new Header("Other", "x"),
                new Header("GRIP-CHANNEL", "c"));
        assertEquals(List.of("a", "b", "c"), HeaderValues.all(headers, "grip-channel"));
    }

    @Test
    void commasInsideQuotesDoNotSplit() {
        assertEquals(List.of("a; x=\"1,2\"", "b"), HeaderValues.split("a; x=\"1,2\", b"));
    }

    @Test
    void escapedQuoteInsideQuotesDoesNotEndTheQuote() {
        assertEquals(List.of("a; x=\"q\\\",r\"", "b"), HeaderValues.split("a; x=\"q\\\",r\", b"));
    }

    @Test
    void unterminatedQuoteMakesTheRestOnePart() {
        assertEquals(List.of("a", "b; x=\"c, d"), HeaderValues.split("a, b; x=\"c, d"));
    }

    @Test
    void emptyValueHasNoPartsButEmptyPartsAreKept() {
        assertEquals(List.of(), HeaderValues.split(""));
        assertEquals(List.of("a", "", "b"), HeaderValues.split("a,,b"));
    }

    @Test
    void partWithBrokenQuotedParameterIsDropped() {
        List<Header> headers = List.of(new Header("Fruit", "apple; type=gala, banana; type=\"yellow, cherry"));
        List<Parameters> parsed = HeaderValues.allAsParameters(headers, "Fruit", Mode.FIRST_IS_VALUE);
        assertEquals(1, parsed.size());
        assertEquals("apple", parsed.get(0).first());
        assertEquals("gala", parsed.get(0).get("type"));
    }

    @Test
    void trailingBackslashInsideQuotesIsBroken() {
        assertTrue(HeaderValues.parse("a; x=\"b\\", Mode.FIRST_IS_VALUE).isEmpty());
    }

    @Test
    void quotedValueUnescapesBackslashesAndIgnoresTextAfterTheQuote() {
        Parameters p = params("v; a=b; c=\"q\\\"x\"junk; d", Mode.FIRST_IS_VALUE);
        assertEquals("v", p.first());
        assertEquals("b", p.get("A"));
        assertEquals("q\"x", p.get("c"));
        assertTrue(p.contains("d"));
        assertNull(p.get("d"));
    }

    @Test
    void parameterWithEqualsAndNoValueIsEmptyNotNull() {
        assertEquals("", params("v; a=", Mode.FIRST_IS_VALUE).get("a"));
    }

    @Test
    void firstValueEndsAtTheFirstSemicolonEvenInsideQuotes() {
        assertEquals("\"a", params("\"a;b\"; x=1", Mode.FIRST_IS_VALUE).first());
    }

    @Test
    void repeatedParametersAreAllKeptInOrder() {
        assertEquals(List.of("f1", "f2"), params("c; filter=f1; filter=f2", Mode.FIRST_IS_VALUE).getAll("filter"));
    }

    @Test
    void allParametersModeReadsTheFirstElementAsKeyValue() {
        Parameters p = params("user=\"al,ice\"; x=y", Mode.ALL_PARAMETERS);
        assertEquals(new HeaderValues.Parameter("user", "al,ice"), p.list().get(0));
        assertTrue(params("", Mode.ALL_PARAMETERS).isEmpty());
    }

    @Test
    void wireTextRoundTripsThroughUnicode() {
        String wire = new String("café".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        assertEquals("café", HeaderValues.toUnicode(wire));
        assertEquals(wire, HeaderValues.toWire("café"));
        assertEquals("plain", HeaderValues.toUnicode("plain"));
    }
}
