package dev.tack.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
    @Test
    void barePortListensOnTheDefaultHost() {
        assertEquals(new ListenAddress("0.0.0.0", 7999), ListenAddress.parse("7999", ListenAddress.ANY_HOST));
    }

    @Test
    void hostAndPort() {
        assertEquals(new ListenAddress("127.0.0.1", 8000), ListenAddress.parse(" 127.0.0.1:8000 ", "x"));
    }

    @Test
    void bracketedIpv6() {
        final ListenAddress a = ListenAddress.parse("[::1]:9001", "x");
        assertEquals(new ListenAddress("::1", 9001), a);
        assertEquals("[::1]:9001", a.toString());
    }

    @Test
    void portZeroMeansAnyFreePort() {
        assertEquals(0, ListenAddress.parse("0", "x").port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "70000", "-1", "::1:80", "[::1]", "host:", ":80", "99999999999"})
    void malformedAddressIsRejectedWithTheExpectedForm(String text) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ListenAddress.parse(text, ListenAddress.ANY_HOST));
        assertEquals((text.isEmpty() ? "(empty)" : text)
                + " (expected: [addr:]port, e.g. 7999, 127.0.0.1:7999 or [::1]:7999)", e.getMessage());
    }

    @Test
    void portOffsetIsAddedToNonZeroPorts() {
        assertEquals(8009, new ListenAddress("h", 7999).withPortOffset(10).port());
        final ListenAddress any = new ListenAddress("h", 0);
        assertSame(any, any.withPortOffset(10));
    }

    @Test
    void portOffsetPastTheLastPortIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ListenAddress("h", 65530).withPortOffset(10));
    }
}
