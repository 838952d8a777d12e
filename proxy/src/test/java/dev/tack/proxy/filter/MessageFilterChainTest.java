package dev.tack.proxy.filter;

import static dev.tack.proxy.filter.FilterTestSupport.bytes;
import static dev.tack.proxy.filter.FilterTestSupport.error;
import static dev.tack.proxy.filter.FilterTestSupport.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How filters combine (Pushpin's MessageFilterStack and filtertest.cpp messageFilters). */
class MessageFilterChainTest {

    private static MessageFilterChain chain(String... names) {
        return MessageFilterChain.of(List.of(names), HttpFilterClient.UNAVAILABLE);
    }

    @Test
    void skipSelfThenVarSubstAsInPushpinsFilterTest() {
        MessageFilterChain chain = chain("skip-self", "var-subst");
        FilterContext alone = FilterContext.of(Map.of("user", "alice"), Map.of(), Map.of());
        assertEquals("hello alice", sent(chain.applyNow(alone, bytes("hello %(user)s"))));
        FilterContext ownMessage = FilterContext.of(Map.of("user", "alice"), Map.of("sender", "alice"), Map.of());
        assertEquals(FilterResult.DROP, chain.applyNow(ownMessage, bytes("hello %(user)s")));
    }

    @Test
    void aDropStopsTheChainBeforeLaterFiltersCanFail() {
        FilterContext own = FilterContext.of(Map.of("user", "a"), Map.of("sender", "a"), Map.of());
        assertEquals(FilterResult.DROP, chain("skip-self", "build-id").applyNow(own, bytes("%I")));
    }

    @Test
    void anErrorStopsTheChain() {
        FilterContext c = FilterContext.of(Map.of(), Map.of("sender", "a"), Map.of());
        assertEquals("No such variable 'x' at position 4", error(chain("var-subst", "skip-self").applyNow(c,
                bytes("%(x)s"))));
    }

    @Test
    void eachFilterGetsTheContentOfTheOneBefore() {
        FilterContext c = FilterContext.of(Map.of("v", "%(w)s", "w", "deep", "id_format", "%(ch)s"), Map.of(),
                Map.of("ch", "7"));
        // var-subst turns "%(v)s" into "%(w)s"; a second var-subst turns that into "deep"
        assertEquals("deep", sent(chain("var-subst", "var-subst").applyNow(c, bytes("%(v)s"))));
        assertEquals("7", sent(chain("var-subst", "build-id").applyNow(c, bytes("%%I"))));
    }

    @Test
    void unknownFiltersAreIgnored() {
        MessageFilterChain chain = chain("no-such-filter", "skip-self", "Skip-Self");
        assertEquals(List.of("skip-self"), chain.names());
        assertSame(MessageFilterChain.EMPTY, chain("bogus"));
        assertEquals("x", sent(MessageFilterChain.EMPTY.applyNow(FilterContext.of(Map.of(), Map.of(), Map.of()),
                bytes("x"))));
    }

    @Test
    void atMostFiveFilters() {
        assertEquals("filters: [a, b, c, d, e, f] (expected: at most 5)",
                assertThrows(IllegalArgumentException.class, () -> chain("a", "b", "c", "d", "e", "f")).getMessage());
    }

    @Test
    void localChainsAreImmediateAndHttpChainsAreNot() {
        assertTrue(chain("skip-self", "var-subst", "build-id").isImmediate());
        MessageFilterChain remote = chain("skip-self", "http-check");
        assertFalse(remote.isImmediate());
        assertThrows(IllegalStateException.class,
                () -> remote.applyNow(FilterContext.of(Map.of(), Map.of(), Map.of()), bytes("x")));
    }

    @Test
    void applyCompletesAtOnceForLocalChains() {
        FilterContext c = FilterContext.of(Map.of("user", "alice"), Map.of(), Map.of());
        assertEquals("hi alice",
                sent(chain("var-subst").apply(c, bytes("hi %(user)s")).toCompletableFuture().getNow(null)));
    }

    @Test
    void filtersAfterAnHttpFilterRunOnItsAnswer() {
        List<HttpFilterCall> calls = new ArrayList<>();
        CompletableFuture<HttpFilterReply> reply = new CompletableFuture<>();
        HttpFilterClient client = call -> {
            calls.add(call);
            return reply;
        };
        MessageFilterChain chain = MessageFilterChain.of(List.of("var-subst", "http-modify", "var-subst"), client);
        FilterContext c = new FilterContext(Map.of("url", "http://o/f", "user", "al"), Map.of(), Map.of(), null,
                null);
        CompletableFuture<FilterResult> result = chain.apply(c, bytes("%(user)s")).toCompletableFuture();
        assertFalse(result.isDone());
        assertEquals("al", new String(calls.get(0).body()));
        reply.complete(new HttpFilterReply(200, List.of(), bytes("<%(user)s>")));
        assertEquals("<al>", sent(result.getNow(null)));
    }

    @Test
    void aClientThatThrowsGivesAnError() {
        HttpFilterClient broken = call -> {
            throw new IllegalStateException("boom");
        };
        FilterContext c = new FilterContext(Map.of("url", "http://o/f"), Map.of(), Map.of(), null, null);
        FilterResult r = MessageFilterChain.of(List.of("http-check"), broken).apply(c, bytes("x"))
                .toCompletableFuture().join();
        assertEquals("filter error: http-check: network request failed: general error",
                ((FilterResult.Error) r).describe());
    }
}
