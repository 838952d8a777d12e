package dev.tack.proxy.filter;

import static dev.tack.proxy.filter.FilterTestSupport.bytes;
import static dev.tack.proxy.filter.FilterTestSupport.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** skip-self, skip-users and require-sub, one rule per test (Pushpin's filter.cpp). */
class DeliveryFilterTest {

    private static FilterResult run(String filter, Map<String, String> sub, Map<String, String> pub,
            Map<String, String> prevIds) {
        return MessageFilterChain.of(List.of(filter), HttpFilterClient.UNAVAILABLE)
                .applyNow(FilterContext.of(sub, pub, prevIds), bytes("hello"));
    }

    @Test
    void skipSelfDropsTheSendersOwnMessage() {
        assertEquals(FilterResult.DROP, run("skip-self", Map.of("user", "alice"), Map.of("sender", "alice"), Map.of()));
    }

    @Test
    void skipSelfSendsOtherSendersAndUnnamedOnes() {
        assertEquals("hello", sent(run("skip-self", Map.of("user", "alice"), Map.of("sender", "bob"), Map.of())));
        assertEquals("hello", sent(run("skip-self", Map.of("user", "alice"), Map.of(), Map.of())));
        assertEquals("hello", sent(run("skip-self", Map.of(), Map.of("sender", "alice"), Map.of())));
        assertEquals("hello", sent(run("skip-self", Map.of("user", ""), Map.of("sender", ""), Map.of())));
    }

    @Test
    void skipUsersDropsListedUsersWithPartsTrimmed() {
        Map<String, String> pub = Map.of("skip_users", "bob, alice ,carol");
        assertEquals(FilterResult.DROP, run("skip-users", Map.of("user", "alice"), pub, Map.of()));
        assertEquals("hello", sent(run("skip-users", Map.of("user", "dave"), pub, Map.of())));
        assertEquals("hello", sent(run("skip-users", Map.of("user", "ali"), pub, Map.of())));
    }

    @Test
    void skipUsersNeedsAUserAndAList() {
        assertEquals("hello", sent(run("skip-users", Map.of(), Map.of("skip_users", "alice,"), Map.of())));
        assertEquals("hello", sent(run("skip-users", Map.of("user", "alice"), Map.of(), Map.of())));
    }

    @Test
    void requireSubDropsWhenTheConnectionIsNotOnTheNamedChannel() {
        Map<String, String> prevIds = new HashMap<>();
        prevIds.put("events-room", null); // subscribed, no prev-id
        prevIds.put("user-alice", "3");
        assertEquals(FilterResult.DROP,
                run("require-sub", Map.of(), Map.of("require_sub", "events-hall"), prevIds));
        assertEquals("hello", sent(run("require-sub", Map.of(), Map.of("require_sub", "events-room"), prevIds)));
        assertEquals("hello", sent(run("require-sub", Map.of(), Map.of(), prevIds)));
    }
}
