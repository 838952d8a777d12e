package dev.tack.api.grip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** RFC 3986 §5.4 examples, and the same-origin rule for internal next-link and filter requests. */
class LinkUrisTest {
    private static final URI BASE = URI.create("http://a/b/c/d;p?q");

    private static String resolve(String reference) {
        return LinkUris.resolve(BASE, LinkUris.parseReference(reference)).toString();
    }

    @Test
    void normalExamplesOfRfc3986() {
        assertEquals("g:h", resolve("g:h"));
        assertEquals("http://a/b/c/g", resolve("g"));
        assertEquals("http://a/b/c/g", resolve("./g"));
        assertEquals("http://a/b/c/g/", resolve("g/"));
        assertEquals("http://a/g", resolve("/g"));
        assertEquals("http://g", resolve("//g"));
        assertEquals("http://a/b/c/d;p?y", resolve("?y"));
        assertEquals("http://a/b/c/g?y", resolve("g?y"));
        assertEquals("http://a/b/c/d;p?q#s", resolve("#s"));
        assertEquals("http://a/b/c/;x", resolve(";x"));
        assertEquals("http://a/b/c/d;p?q", resolve(""));
        assertEquals("http://a/b/c/", resolve("."));
        assertEquals("http://a/b/", resolve(".."));
        assertEquals("http://a/b/g", resolve("../g"));
        assertEquals("http://a/", resolve("../.."));
        assertEquals("http://a/g", resolve("../../g"));
    }

    @Test
    void abnormalExamplesOfRfc3986() {
        assertEquals("http://a/g", resolve("../../../g"));
        assertEquals("http://a/g", resolve("/./g"));
        assertEquals("http://a/g", resolve("/../g"));
        assertEquals("http://a/b/c/g.", resolve("g."));
        assertEquals("http://a/b/c/..g", resolve("..g"));
        assertEquals("http://a/b/g", resolve("./../g"));
        assertEquals("http://a/b/c/g/h", resolve("g/./h"));
        assertEquals("http://a/b/c/h", resolve("g/../h"));
        assertEquals("http://a/b/c/y", resolve("g;x=1/../y"));
        assertEquals("http://a/b/c/g?y/./x", resolve("g?y/./x"));
    }

    @Test
    void emptyBasePathMergesWithASlash() {
        assertEquals("http://a/g", LinkUris.resolve(URI.create("http://a"), URI.create("g")).toString());
    }

    @Test
    void baseMustBeAbsolute() {
        assertThrows(IllegalArgumentException.class, () -> LinkUris.resolve(URI.create("/x"), URI.create("g")));
    }

    @Test
    void strayPercentAndSpacesAreEncodedButEscapesKept() {
        assertEquals(URI.create("/a%2520%25zz%20b"), LinkUris.parseReference("/a%2520%zz b"));
        assertEquals(URI.create("/p#f%23g"), LinkUris.parseReference("/p#f#g"));
    }

    @Test
    void aNonNumericPortIsNotAUri() {
        assertNull(LinkUris.parseReference("http://h:x/"));
    }

    @Test
    void sameOriginComparesSchemeHostAndPortWithDefaults() {
        URI request = URI.create("http://Tack.example/stream");
        assertTrue(LinkUris.isSameOrigin(request, URI.create("http://tack.example:80/next")));
        assertFalse(LinkUris.isSameOrigin(request, URI.create("https://tack.example/next")));
        assertFalse(LinkUris.isSameOrigin(request, URI.create("http://tack.example:8080/next")));
        assertFalse(LinkUris.isSameOrigin(request, URI.create("http://origin.example/next")));
        assertTrue(LinkUris.isSameOrigin(URI.create("wss://t/ws"), URI.create("https://t:443/check")));
    }

    @Test
    void webSocketSchemesReadAsHttp() {
        assertEquals(URI.create("http://t:81/ws?x"), LinkUris.withHttpScheme(URI.create("ws://t:81/ws?x")));
        assertEquals(URI.create("https://t/ws"), LinkUris.withHttpScheme(URI.create("WSS://t/ws")));
        assertEquals(URI.create("http://t/"), LinkUris.withHttpScheme(URI.create("http://t/")));
    }
}
