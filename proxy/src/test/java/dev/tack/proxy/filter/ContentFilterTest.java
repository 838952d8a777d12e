package dev.tack.proxy.filter;

import static dev.tack.proxy.filter.FilterTestSupport.bytes;
import static dev.tack.proxy.filter.FilterTestSupport.error;
import static dev.tack.proxy.filter.FilterTestSupport.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** var-subst and build-id on message content, one rule per test (Pushpin's filter.cpp, idformat.cpp). */
class ContentFilterTest {

    private static FilterResult run(String filter, Map<String, String> sub, Map<String, String> prevIds,
            String content) {
        return MessageFilterChain.of(List.of(filter), HttpFilterClient.UNAVAILABLE)
                .applyNow(FilterContext.of(sub, Map.of(), prevIds), bytes(content));
    }

    @Test
    void varSubstReplacesSubscriptionMeta() {
        assertEquals("hello alice, 100%", sent(run("var-subst", Map.of("user", "alice"), Map.of(),
                "hello %(user)s, 100%%")));
    }

    @Test
    void varSubstValuesAndNamesAreUtf8() {
        assertEquals("hi J\u00fcrgen", sent(run("var-subst", Map.of("n\u00e4me", "J\u00fcrgen"), Map.of(),
                "hi %(n\u00e4me)s")));
    }

    @Test
    void varSubstEscapesInNames() {
        assertEquals("v", sent(run("var-subst", Map.of("a)b\\c", "v"), Map.of(), "%(a\\)b\\\\c)s")));
    }

    @Test
    void varSubstUnknownVariableIsAnError() {
        FilterResult r = run("var-subst", Map.of(), Map.of(), "hello %(user)s");
        assertEquals("No such variable 'user' at position 13", error(r));
        assertEquals("filter error: var-subst: No such variable 'user' at position 13",
                ((FilterResult.Error) r).describe());
    }

    @Test
    void varSubstOtherDirectivesAndADanglingPercentAreErrors() {
        assertEquals("Unknown directive 'I' at position 1", error(run("var-subst", Map.of(), Map.of(), "%I")));
        assertEquals("Expected directive after '%' at position 4",
                error(run("var-subst", Map.of(), Map.of(), "100 %")));
    }

    @Test
    void buildIdFillsTheIdFormatWithPrevIds() {
        Map<String, String> prevIds = new LinkedHashMap<>();
        prevIds.put("events-fruit", "3");
        prevIds.put("events-veg", "7");
        Map<String, String> meta = Map.of("id_format", "fruit:%(events-fruit)s,veg:%(events-veg)s");
        assertEquals("id: fruit:3,veg:7\ndata: x\n\n", sent(run("build-id", meta, prevIds, "id: %I\ndata: x\n\n")));
    }

    @Test
    void buildIdHexEncodesWhenAsked() {
        Map<String, String> meta = Map.of("id_format", "%(c)s", "id_encoding", "hex");
        assertEquals("4333504f", sent(run("build-id", meta, Map.of("c", "C3PO"), "%I")));
    }

    @Test
    void buildIdNeedsIdFormat() {
        assertEquals("no sub meta 'id_format'", error(run("build-id", Map.of(), Map.of("c", "1"), "no directive")));
    }

    @Test
    void buildIdTemplateErrorsAreReported() {
        Map<String, String> prevIds = new LinkedHashMap<>();
        prevIds.put("a", "1");
        prevIds.put("b", null); // subscribed without a prev-id: not a variable
        assertEquals("failed to render ID: No such variable 'b' at position 10",
                error(run("build-id", Map.of("id_format", "%(a)s:%(b)s"), prevIds, "%I")));
    }

    @Test
    void buildIdOnlyKnowsHexEncoding() {
        assertEquals("unsupported encoding: base64",
                error(run("build-id", Map.of("id_format", "x", "id_encoding", "base64"), Map.of("c", "1"), "%I")));
    }

    @Test
    void buildIdWithoutChannelsHasNoDefaultId() {
        assertEquals("No ID specified and no default ID in context at position 1",
                error(run("build-id", Map.of("id_format", "x"), Map.of(), "%I")));
        assertEquals("lit", sent(run("build-id", Map.of("id_format", "x"), Map.of(), "%(lit)I")));
    }

    @Test
    void buildIdNamesTheItemBeingDeliveredWhenGivenThePrevIdsAfterIt() {
        // Pushpin 1.36 moves the channel's prev-id to the item's id before the filters run; 1.41 after, so %I
        // would name the previous item. Tack follows 1.36 (docs/compatibility.md).
        Map<String, String> before = Map.of("events-fruit", "3");
        Map<String, String> after = FilterContext.afterItem(before, "events-fruit", "4");
        assertEquals("id: 4", sent(run("build-id", Map.of("id_format", "%(events-fruit)s"), after, "id: %I")));
        assertEquals(before, FilterContext.afterItem(before, "other", "9"));
        Map<String, String> untracked = new LinkedHashMap<>();
        untracked.put("c", null);
        assertEquals(untracked, FilterContext.afterItem(untracked, "c", "9"));
    }
}
