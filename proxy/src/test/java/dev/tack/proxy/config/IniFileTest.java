package dev.tack.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IniFileTest {
    private static IniFile parse(String... lines) throws ConfigException {
        return IniFile.parse("t.conf", List.of(lines));
    }

    @Test
    void keysBelongToTheSectionAbove() throws ConfigException {
        final IniFile f = parse("[runner]", "http_port=7999", "[proxy]", "debug=true");
        assertEquals("7999", f.get("runner", "http_port").value());
        assertEquals("true", f.get("proxy", "debug").value());
        assertNull(f.get("proxy", "http_port"));
    }

    @Test
    void hashAndSemicolonLinesAndBlankLinesAreComments() throws ConfigException {
        final IniFile f = parse("# a", "  ; b", "", "[s]", "   ", "k=v");
        assertEquals(List.of("s"), List.copyOf(f.sections().keySet()));
        assertEquals(1, f.sections().get("s").size());
    }

    @Test
    void blanksAroundKeyAndValueAreDropped() throws ConfigException {
        assertEquals("v w", parse("[s]", "  k =  v w  ").get("s", "k").value());
    }

    @Test
    void hashInsideAValueIsPartOfIt() throws ConfigException {
        assertEquals("abc#def", parse("[s]", "k=abc#def").get("s", "k").value());
    }

    @Test
    void onlyTheFirstEqualsSignSplits() throws ConfigException {
        assertEquals("base64:YQ==", parse("[s]", "sig_key=base64:YQ==").get("s", "sig_key").value());
    }

    @Test
    void quotedValueLosesItsQuotesAndIsMarked() throws ConfigException {
        final IniFile.Entry e = parse("[s]", "k=\"a, b\"").get("s", "k");
        assertEquals("a, b", e.value());
        assertTrue(e.quoted());
        assertFalse(parse("[s]", "k=a").get("s", "k").quoted());
    }

    @Test
    void laterDuplicateKeyWins() throws ConfigException {
        assertEquals("2", parse("[s]", "k=1", "k=2").get("s", "k").value());
    }

    @Test
    void repeatedSectionAddsToTheFirst() throws ConfigException {
        final IniFile f = parse("[s]", "a=1", "[t]", "[s]", "b=2");
        assertEquals("1", f.get("s", "a").value());
        assertEquals("2", f.get("s", "b").value());
    }

    @Test
    void keyBeforeAnySectionGoesToTheEmptySection() throws ConfigException {
        assertEquals("v", parse("k=v").get("", "k").value());
    }

    @Test
    void entriesRememberTheirLine() throws ConfigException {
        assertEquals(3, parse("[s]", "", "k=v").get("s", "k").line());
    }

    @Test
    void lineWithoutEqualsSignIsRejectedWithFileAndLine() {
        final ConfigException e = assertThrows(ConfigException.class, () -> parse("[s]", "http_port 7999"));
        assertEquals("t.conf:2: http_port 7999 (expected: [section], key=value, or a comment starting with # or ;)",
                e.getMessage());
    }

    @Test
    void emptyKeyIsRejected() {
        assertThrows(ConfigException.class, () -> parse("[s]", "=v"));
    }

    @Test
    void byteOrderMarkIsIgnored() throws ConfigException {
        assertEquals("v", parse("\uFEFF[s]", "k=v").get("s", "k").value());
    }
}
