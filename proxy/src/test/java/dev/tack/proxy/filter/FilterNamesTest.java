package dev.tack.proxy.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Filter targets and the content-filters rule. */
class FilterNamesTest {

    @Test
    void targetsAsInPushpin() {
        assertEquals(EnumSet.of(FilterTarget.MESSAGE_DELIVERY), FilterNames.targets("skip-self"));
        assertEquals(EnumSet.of(FilterTarget.MESSAGE_DELIVERY), FilterNames.targets("http-check"));
        assertEquals(EnumSet.of(FilterTarget.MESSAGE_CONTENT, FilterTarget.RESPONSE_CONTENT),
                FilterNames.targets("build-id"));
        assertEquals(EnumSet.of(FilterTarget.MESSAGE_CONTENT), FilterNames.targets("var-subst"));
        assertEquals(EnumSet.of(FilterTarget.MESSAGE_DELIVERY, FilterTarget.MESSAGE_CONTENT),
                FilterNames.targets("http-modify"));
        assertTrue(FilterNames.targets("unknown").isEmpty());
        assertEquals(7, FilterNames.known().size());
    }

    @Test
    void contentFiltersAreTheContentChangingOnesInOrder() {
        assertEquals(List.of("var-subst", "build-id"),
                FilterNames.contentFilters(List.of("skip-self", "var-subst", "unknown", "build-id")));
    }

    @Test
    void publishedContentFiltersMustMatchExactly() {
        List<String> sub = List.of("skip-users", "build-id");
        assertEquals(Optional.empty(), FilterNames.contentFilterMismatch(sub, List.of("build-id")));
        assertEquals(Optional.empty(), FilterNames.contentFilterMismatch(sub, null));
        assertEquals(Optional.of("content filter mismatch: subscription=build-id message="),
                FilterNames.contentFilterMismatch(sub, List.of()));
        assertEquals(Optional.of("content filter mismatch: subscription= message=build-id"),
                FilterNames.contentFilterMismatch(List.of("skip-self"), List.of("build-id")));
        assertEquals(Optional.of("content filter mismatch: subscription=var-subst,build-id message=build-id,var-subst"),
                FilterNames.contentFilterMismatch(List.of("var-subst", "build-id"), List.of("build-id", "var-subst")));
        assertEquals(Optional.empty(), FilterNames.contentFilterMismatch(List.of(), List.of()));
    }
}
