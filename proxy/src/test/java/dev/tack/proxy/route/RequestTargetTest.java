package dev.tack.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Request targets in origin and absolute form (RFC 9112 §3.2): one test per rule. */
class RequestTargetTest {

    @Test
    void absoluteFormBecomesOriginForm() {
        assertEquals("/api/s?x=1", RequestTarget.originForm("http://example.com/api/s?x=1"));
        assertEquals("/", RequestTarget.originForm("https://example.com"));
        assertEquals("/?x=1", RequestTarget.originForm("http://example.com?x=1"));
        assertEquals("/p", RequestTarget.originForm("/p"));
        assertEquals("/", RequestTarget.originForm(""));
    }

    @Test
    void absoluteFormNamesItsHostWithoutPortOrCase() {
        assertEquals("example.com", RequestTarget.host("http://Example.COM:8080/api"));
        assertEquals("::1", RequestTarget.host("http://[::1]:8080/api"));
        assertEquals("h", RequestTarget.host("http://user@h/"));
        assertNull(RequestTarget.host("/api"));
        assertEquals("Example.COM:8080", RequestTarget.authority("http://Example.COM:8080/api"));
        assertNull(RequestTarget.authority("/api"));
    }

    @Test
    void hostHeaderLosesItsPort() {
        assertEquals("example.com", RequestTarget.hostOfAuthority("example.com:7999"));
        assertEquals("::1", RequestTarget.hostOfAuthority("[::1]:7999"));
        assertEquals("", RequestTarget.hostOfAuthority(""));
    }
}
