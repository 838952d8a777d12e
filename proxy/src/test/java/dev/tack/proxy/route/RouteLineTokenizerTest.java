package dev.tack.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per grammar rule of the routes line (cases after Pushpin's routesfiletest.cpp). */
class RouteLineTokenizerTest {
    private static RouteSection.Prop prop(String name, String value) {
        return new RouteSection.Prop(name, value);
    }

    private static List<RouteSection> tokens(String line) {
        return RouteLineTokenizer.tokenize(line);
    }

    private static String error(String line) {
        return assertThrows(IllegalArgumentException.class, () -> tokens(line)).getMessage();
    }

    @Test
    void singleValue() {
        assertEquals(List.of(new RouteSection("apple", List.of())), tokens("apple"));
    }

    @Test
    void spacesSeparateSections() {
        assertEquals(List.of(new RouteSection("apple", List.of()), new RouteSection("banana", List.of())),
                tokens("apple banana"));
    }

    @Test
    void extraSpacesAndTrailingCommentAreIgnored() {
        assertEquals(List.of(new RouteSection("apple", List.of()), new RouteSection("banana", List.of())),
                tokens("  apple   banana  # comment"));
    }

    @Test
    void tabsSeparateSectionsToo() {
        assertEquals(2, tokens("apple\tbanana").size());
    }

    @Test
    void blankAndCommentLinesHaveNoSections() {
        assertEquals(List.of(), tokens(""));
        assertEquals(List.of(), tokens("   "));
        assertEquals(List.of(), tokens("# * test"));
    }

    @Test
    void unquotedHashEndsTheLineEvenInsideAValue() {
        assertEquals(List.of(new RouteSection("apple", List.of(prop("organic", "")))), tokens("apple,organic#x y"));
    }

    @Test
    void propsFollowTheValueAfterCommas() {
        assertEquals(List.of(new RouteSection("apple", List.of(prop("organic", ""), prop("type", "gala")))),
                tokens("apple,organic,type=gala"));
    }

    @Test
    void quotedTextKeepsCommasSpacesAndEscapedQuotes() {
        assertEquals(List.of(new RouteSection("apple", List.of(prop("organic", ""), prop("type", "gala"),
                        prop("from", "washington, \"usa\"")))),
                tokens("apple,organic,type=gala,from=\"washington, \\\"usa\\\"\""));
    }

    @Test
    void quotedTextKeepsHashAndBackslash() {
        assertEquals(List.of(new RouteSection("a", List.of(prop("k", "x # \\ y")))), tokens("a,k=\"x # \\\\ y\""));
    }

    @Test
    void quotedPartsJoinTheTextAroundThem() {
        assertEquals("ab cd", tokens("a\"b c\"d").get(0).value());
    }

    @Test
    void propsBelongToTheirOwnSection() {
        assertEquals(List.of(new RouteSection("apple", List.of(prop("organic", ""))),
                        new RouteSection("banana", List.of()),
                        new RouteSection("cherry", List.of(prop("type", "bing")))),
                tokens("apple,organic banana cherry,type=bing"));
    }

    @Test
    void leadingCommaGivesAnEmptyValue() {
        assertEquals(List.of(new RouteSection("", List.of(prop("organic", "")))), tokens(",organic"));
    }

    @Test
    void sectionStartingWithAPropHasAnEmptyValue() {
        assertEquals(List.of(new RouteSection("", List.of(prop("type", "gala")))), tokens("type=gala"));
    }

    @Test
    void laterSectionStartingWithAPropHasAnEmptyValue() {
        assertEquals(List.of(new RouteSection("", List.of(prop("id", "x"), prop("debug", ""))),
                        new RouteSection("", List.of(prop("host", "h")))),
                tokens("  id=x,debug host=h"));
    }

    @Test
    void onlyTheFirstEqualsSignSplitsAProp() {
        assertEquals(prop("sig_key", "base64:YQ=="), tokens("a,sig_key=base64:YQ==").get(0).props().get(0));
    }

    @Test
    void repeatedPropsAreAllKeptAndTheLastWinsAsAValue() {
        final RouteSection s = tokens("t,sub=a,sub=b").get(0);
        assertEquals(List.of("a", "b"), s.values("sub"));
        assertEquals("b", s.value("sub"));
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertEquals("unterminated quoted section starting at column 20", error("apple,organic,type=\"gala"));
    }

    @Test
    void backslashAtTheEndOfAQuoteIsAnError() {
        assertEquals("unterminated escape sequence at the end of the line", error("a,k=\"x\\"));
    }

    @Test
    void escapesOtherThanBackslashAndQuoteAreErrors() {
        assertEquals("unexpected escape \\n (expected: \\\\ or \\\")", error("a,k=\"x\\n\""));
    }

    @Test
    void trailingCommaIsAnEmptyProp() {
        assertEquals("empty prop (expected: name or name=value after ',')", error("apple,organic,"));
    }

    @Test
    void doubleCommaIsAnEmptyProp() {
        assertEquals("empty prop (expected: name or name=value after ',')", error("apple,,organic"));
    }

    @Test
    void propWithoutANameIsAnError() {
        assertEquals("empty prop name in '=gala' (expected: name=value)", error("apple,organic,=gala"));
    }
}
