package dev.tack.proxy.filter;

import static dev.tack.proxy.filter.FilterTestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tack.proxy.filter.PercentFormat.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cases of Pushpin's idformattest.cpp, and every template error of format.cpp. */
class IdFormatTest {

    private static String renderId(String template, Map<String, String> vars) throws FormatException {
        return new String(PercentFormat.render(bytes(template), VarSubstFilter.variables(vars)),
                StandardCharsets.UTF_8);
    }

    private static String content(String id, boolean hex, String content) throws FormatException {
        IdRenderer r = new IdRenderer(id == null ? null : bytes(id), hex);
        return new String(r.update(bytes(content)), StandardCharsets.UTF_8)
                + new String(r.finish(), StandardCharsets.UTF_8);
    }

    private static String templateError(String template) {
        return assertThrows(FormatException.class,
                () -> PercentFormat.render(bytes(template), VarSubstFilter.variables(Map.of("a", "1")))).getMessage();
    }

    @Test
    void renderIdWithoutDirectives() throws Exception {
        assertEquals("This template has no directives.", renderId("This template has no directives.", Map.of()));
    }

    @Test
    void renderIdWithVariablesEscapesAndPercent() throws Exception {
        Map<String, String> vars = Map.of("name", "Alice", "food\\fruit(type)", "apples");
        assertEquals("My name is Alice and I eat apples 10% of the time.",
                renderId("My name is %(name)s and I eat %(food\\\\fruit(type\\))s 10%% of the time.", vars));
    }

    @Test
    void renderContentWithDefaultAndLiteralIds() throws Exception {
        assertEquals("This content has no directives.", content("C3PO", false, "This content has no directives."));
        assertEquals("The ID is C3PO.", content("C3PO", false, "The ID is %I."));
        assertEquals("The ID is 4333504f.", content("C3PO", true, "The ID is %I."));
        assertEquals("The ID is 52324432.", content("C3PO", true, "The ID is %(R2D2)I."));
    }

    @Test
    void renderContentIncrementally() throws Exception {
        IdRenderer r = new IdRenderer(null, true);
        StringBuilder out = new StringBuilder();
        out.append(new String(r.update(bytes("The ID is %")), StandardCharsets.UTF_8));
        assertEquals("The ID is ", out.toString());
        for (String piece : new String[] {"(", "R2D", "2", ")"}) {
            out.append(new String(r.update(bytes(piece)), StandardCharsets.UTF_8));
            assertEquals("The ID is ", out.toString());
        }
        out.append(new String(r.update(bytes("I.")), StandardCharsets.UTF_8));
        assertEquals("The ID is 52324432.", out.toString());
        out.append(new String(r.finish(), StandardCharsets.UTF_8));
        assertEquals("The ID is 52324432.", out.toString());
    }

    @Test
    void bareIdWithoutDefaultIsAnError() {
        assertEquals("No ID specified and no default ID in context at position 11",
                assertThrows(FormatException.class, () -> content(null, false, "The ID is %I.")).getMessage());
        assertEquals("Unknown directive 's' at position 1",
                assertThrows(FormatException.class, () -> content("x", false, "%s")).getMessage());
    }

    @Test
    void unfinishedDirectivesAreErrorsAtTheEnd() {
        assertEquals("Expected directive after '%' at position 2", templateError("ab%"));
        assertEquals("Expected character after '(' at position 1", templateError("%("));
        assertEquals("Expected character after '\\' at position 3", templateError("%(a\\"));
        assertEquals("Unterminated field starting at position 1", templateError("%(abc"));
        assertEquals("Expected directive after ')' at position 3", templateError("%(a)"));
    }

    @Test
    void directiveErrorsNameThePosition() {
        assertEquals("Unknown directive '!' at position 1", templateError("%!"));
        assertEquals("Unknown directive 'x' at position 4", templateError("%(a)x"));
        assertEquals("Directive 's' requires argument at position 1", templateError("%s"));
        assertEquals("Directive 's' requires argument at position 3", templateError("%()s"));
        assertEquals("No such variable 'b' at position 6", templateError("x %(b)s"));
    }

    @Test
    void anUnknownDirectiveFailsEvenWhileContentIsIncomplete() {
        IdRenderer r = new IdRenderer(bytes("x"), false);
        assertEquals("Unknown directive '!' at position 1",
                assertThrows(FormatException.class, () -> r.update(bytes("%!%("))).getMessage());
    }
}
