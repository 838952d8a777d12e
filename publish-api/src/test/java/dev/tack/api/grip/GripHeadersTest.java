package dev.tack.api.grip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per {@code Grip-*} header rule (docs/compatibility.md "GRIP instructions"), in the style of Pushpin's
 * instructtest.
 */
class GripHeadersTest {

    /** Parses a 200 OK text/plain "hello world" response with these extra header name/value pairs. */
    static GripInstruction parse(String... nameValues) throws GripInstructionException {
        return GripInstructionParser.parse(200, "OK", headers(nameValues), bytes("hello world"));
    }

    static String error(String... nameValues) {
        return assertThrows(GripInstructionException.class, () -> parse(nameValues)).getMessage();
    }

    static List<Header> headers(String... nameValues) {
        List<Header> out = new ArrayList<>();
        out.add(new Header("Content-Type", "text/plain"));
        for (int i = 0; i < nameValues.length; i += 2) {
            out.add(new Header(nameValues[i], nameValues[i + 1]));
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noHoldKeepsTheResponseAndStripsGripHeaders() throws Exception {
        GripInstruction i = parse("Grip-Channel", "test");
        assertNull(i.hold());
        assertEquals(200, i.status());
        assertEquals("OK", i.reason());
        assertEquals(List.of(new Header("Content-Type", "text/plain")), i.headers());
        assertArrayEquals(bytes("hello world"), i.body());
    }

    @Test
    void gripHoldResponseAndStream() throws Exception {
        assertEquals(HoldMode.RESPONSE, parse("Grip-Hold", "response").hold());
        assertEquals(HoldMode.STREAM, parse("Grip-Hold", "stream").hold());
    }

    @Test
    void gripHoldOtherValueIsAnError() {
        assertEquals("Grip-Hold must be set to either 'response' or 'stream'", error("Grip-Hold", "poll"));
        assertEquals("Grip-Hold must be set to either 'response' or 'stream'", error("Grip-Hold", "Response"));
    }

    @Test
    void gripHoldUsesTheFirstOccurrenceOnly() throws Exception {
        assertEquals(HoldMode.STREAM, parse("Grip-Hold", "stream", "Grip-Hold", "bogus").hold());
        assertEquals("Grip-Hold must be set to either 'response' or 'stream'",
                error("Grip-Hold", "stream, response"));
    }

    @Test
    void gripChannelRepeatsAndSplitsOnCommas() throws Exception {
        GripInstruction i = parse("Grip-Hold", "response", "Grip-Channel", "apple",
                "Grip-Channel", "banana, cherry");
        assertEquals(List.of(ChannelSpec.of("apple"), ChannelSpec.of("banana"), ChannelSpec.of("cherry")),
                i.channels());
    }

    @Test
    void gripChannelParametersGivePrevIdAndRepeatedFilters() throws Exception {
        GripInstruction i = parse("Grip-Hold", "response",
                "Grip-Channel", "apple; prev-id=item1; filter=f1",
                "Grip-Channel", "banana; filter=f2, cherry; filter=f1; filter=f2");
        assertEquals(List.of(new ChannelSpec("apple", "item1", List.of("f1")),
                new ChannelSpec("banana", null, List.of("f2")),
                new ChannelSpec("cherry", null, List.of("f1", "f2"))), i.channels());
    }

    @Test
    void gripChannelWithMoreThanFiveFiltersIsAnError() throws Exception {
        assertEquals(5, parse("Grip-Channel", "c; filter=a; filter=b; filter=c; filter=d; filter=e")
                .channels().get(0).filters().size());
        assertEquals("too many filters for channel 'c'",
                error("Grip-Channel", "c; filter=a; filter=b; filter=c; filter=d; filter=e; filter=f"));
    }

    @Test
    void gripChannelBrokenEntriesAreDropped() throws Exception {
        GripInstruction i = parse("Grip-Channel", "apple; prev-id=\"x, banana", "Grip-Channel", "cherry,, ; prev-id=2");
        assertEquals(List.of(ChannelSpec.of("cherry")), i.channels());
    }

    @Test
    void gripChannelDuplicatesCollapseFirstWinsOrderKept() throws Exception {
        GripInstruction i = parse("Grip-Channel", "b; prev-id=1, a", "Grip-Channel", "b; prev-id=2, c, a");
        assertEquals(List.of(new ChannelSpec("b", "1", List.of()), ChannelSpec.of("a"), ChannelSpec.of("c")),
                i.channels());
    }

    @Test
    void gripChannelPrevIdOnStreamHoldIsAcceptedWithoutNextLink() throws Exception {
        GripInstruction i = parse("Grip-Hold", "stream", "Grip-Channel", "fruit; prev-id=3");
        assertEquals("3", i.channels().get(0).prevId());
    }

    @Test
    void gripChannelNamesAreReadAsUtf8() throws Exception {
        String wire = new String(bytes("café"), StandardCharsets.ISO_8859_1);
        assertEquals("café", parse("Grip-Channel", wire).channels().get(0).name());
    }

    @Test
    void gripTimeoutIsAnInteger() throws Exception {
        assertEquals(120, parse("Grip-Hold", "response", "Grip-Timeout", "120").timeoutSeconds());
        assertEquals("failed to parse Grip-Timeout", error("Grip-Timeout", "10s"));
        assertEquals("failed to parse Grip-Timeout", error("Grip-Timeout", ""));
    }

    @Test
    void gripTimeoutNegativeIsAnError() {
        assertEquals("Grip-Timeout has invalid value", error("Grip-Timeout", "-1"));
    }

    @Test
    void gripTimeoutDefaultsTo55AndIsRaisedTo5() throws Exception {
        assertEquals(55, parse("Grip-Hold", "response").timeoutSeconds());
        assertEquals(5, parse("Grip-Hold", "response", "Grip-Timeout", "1").timeoutSeconds());
        assertEquals(5, parse("Grip-Hold", "response", "Grip-Timeout", "0").timeoutSeconds());
    }

    @Test
    void keepAliveRawIsTheDefaultFormatIdleTheDefaultMode() throws Exception {
        KeepAlive k = parse("Grip-Hold", "stream", "Grip-Keep-Alive", "ping1\\n; timeout=10").keepAlive();
        assertEquals(new KeepAlive(bytes("ping1\\n"), 10, KeepAliveMode.IDLE), k);
    }

    @Test
    void keepAliveCstringUnescapes() throws Exception {
        KeepAlive k = parse("Grip-Keep-Alive", "a\\\\b\\r\\n\\x3b\\x3B; format=cstring").keepAlive();
        assertArrayEquals(bytes("a\\b\r\n;;"), k.data());
    }

    @Test
    void keepAliveCstringDropsUnknownEscapes() throws Exception {
        assertArrayEquals(bytes("ab"), parse("Grip-Keep-Alive", "a\\qb; format=cstring").keepAlive().data());
    }

    @Test
    void keepAliveCstringBadEscapeIsAnError() {
        for (String bad : List.of("abc\\", "a\\x4", "a\\xZZ", "\\x")) {
            assertEquals("failed to parse Grip-Keep-Alive cstring format",
                    error("Grip-Keep-Alive", bad + "; format=cstring"), bad);
        }
    }

    @Test
    void keepAliveBase64Decodes() throws Exception {
        assertArrayEquals(bytes("ping3\n"), parse("Grip-Keep-Alive", "cGluZzMK; format=base64").keepAlive().data());
    }

    @Test
    void keepAliveUnknownFormatIsAnError() {
        assertEquals("no such Grip-Keep-Alive format 'hex'", error("Grip-Keep-Alive", "00; format=hex"));
    }

    @Test
    void keepAliveEmptyDataIsAnError() {
        assertEquals("Grip-Keep-Alive cannot be empty", error("Grip-Keep-Alive", "; timeout=5"));
    }

    @Test
    void keepAliveDataMayHoldCommasAndEndsAtTheFirstSemicolon() throws Exception {
        KeepAlive k = parse("Grip-Keep-Alive", "a, \"b; timeout=7", "Grip-Keep-Alive", "other").keepAlive();
        assertArrayEquals(bytes("a, \"b"), k.data());
        assertEquals(7, k.timeoutSeconds());
    }

    @Test
    void keepAliveTimeoutDefaultsTo55AndIsRaisedTo1() throws Exception {
        assertEquals(55, parse("Grip-Keep-Alive", "x").keepAlive().timeoutSeconds());
        assertEquals(1, parse("Grip-Keep-Alive", "x; timeout=0").keepAlive().timeoutSeconds());
    }

    @Test
    void keepAliveBadTimeoutIsAnError() {
        assertEquals("failed to parse Grip-Keep-Alive timeout value", error("Grip-Keep-Alive", "x; timeout=5s"));
        assertEquals("Grip-Keep-Alive timeout has invalid value", error("Grip-Keep-Alive", "x; timeout=-5"));
    }

    @Test
    void keepAliveModeIntervalAndUnknownMode() throws Exception {
        assertEquals(KeepAliveMode.INTERVAL,
                parse("Grip-Keep-Alive", "ping4\\n; mode=interval").keepAlive().mode());
        assertEquals(KeepAliveMode.IDLE, parse("Grip-Keep-Alive", "x; mode=idle").keepAlive().mode());
        assertEquals("no such Grip-Keep-Alive mode 'sometimes'", error("Grip-Keep-Alive", "x; mode=sometimes"));
    }

    @Test
    void noKeepAliveHeaderMeansNoKeepAlive() throws Exception {
        assertNull(parse("Grip-Hold", "stream").keepAlive());
    }

    @Test
    void gripStatusReplacesCodeWithStandardReason() throws Exception {
        GripInstruction i = parse("Grip-Status", "404");
        assertNull(i.hold());
        assertEquals(404, i.status());
        assertEquals("Not Found", i.reason());
    }

    @Test
    void gripStatusKeepsACustomReason() throws Exception {
        GripInstruction i = parse("Grip-Status", "404 Nothing To See Here");
        assertEquals(404, i.status());
        assertEquals("Nothing To See Here", i.reason());
    }

    @Test
    void gripStatusOutOfRangeOrNotANumberIsAnError() {
        for (String bad : List.of("1000", "-1", "abc", "20x OK")) {
            assertEquals("Grip-Status contains invalid status code", error("Grip-Status", bad), bad);
        }
    }

    @Test
    void originReasonIsKeptAndAnEmptyOneIsFilledIn() throws Exception {
        assertEquals("Fine", GripInstructionParser.parse(200, "Fine", headers("Grip-Hold", "response"),
                new byte[0]).reason());
        assertEquals("Created", GripInstructionParser.parse(201, "", headers("Grip-Hold", "response"),
                new byte[0]).reason());
    }

    @Test
    void gripExposeHeadersKeepsOnlyTheListedHeaders() throws Exception {
        GripInstruction i = GripInstructionParser.parse(200, "OK", List.of(
                new Header("Content-Type", "text/plain"), new Header("ETag", "\"1\""),
                new Header("X-Secret", "s"), new Header("Grip-Hold", "response"),
                new Header("Grip-Expose-Headers", "content-type"), new Header("Grip-Expose-Headers", "etag, grip-hold")),
                new byte[0]);
        assertEquals(List.of(new Header("Content-Type", "text/plain"), new Header("ETag", "\"1\"")), i.headers());
    }

    @Test
    void gripSetMetaReadsKeyValuePairs() throws Exception {
        GripInstruction i = parse("Grip-Hold", "response", "Grip-Set-Meta", "foo=bar, bar=baz",
                "Grip-Set-Meta", "user=\"al,ice\"; ignored=1, flag");
        assertEquals(Map.of("foo", "bar", "bar", "baz", "user", "al,ice", "flag", ""), i.meta());
    }

    @Test
    void gripSetMetaEmptyPartIsAnError() {
        assertEquals("Grip-Set-Meta cannot be empty", error("Grip-Set-Meta", "a=b,,c=d"));
    }

    @Test
    void hopByHopAndFramingHeadersAreNeverRelayed() throws Exception {
        GripInstruction i = parse("Connection", "keep-alive", "Keep-Alive", "timeout=5",
                "Transfer-Encoding", "chunked", "Content-Encoding", "gzip", "Content-Length", "11",
                "grip-whatever", "x", "X-Kept", "yes");
        assertEquals(List.of(new Header("Content-Type", "text/plain"), new Header("X-Kept", "yes")), i.headers());
    }

    @Test
    void gripResponseIsDetectedByHeaderPrefixOrContentType() {
        assertTrue(GripInstructionParser.isGripResponse(List.of(new Header("grip-status", "404"))));
        assertTrue(GripInstructionParser.isGripResponse(
                List.of(new Header("Content-Type", "application/grip-instruct; charset=utf-8"))));
        assertFalse(GripInstructionParser.isGripResponse(List.of(new Header("Content-Type", "text/plain"),
                new Header("X-Grip-Hold", "stream"))));
    }

    @Test
    void javadocExampleParsesAsDescribed() throws Exception {
        List<Header> headers = List.of(new Header("Content-Type", "text/event-stream"),
                new Header("Grip-Hold", "stream"),
                new Header("Grip-Channel", "counter-42, news; prev-id=17; filter=skip-self"),
                new Header("Grip-Keep-Alive", ":\\n\\n; format=cstring; timeout=20"),
                new Header("Grip-Set-Meta", "user=alice"),
                new Header("Content-Length", "12"));
        GripInstruction i = GripInstructionParser.parse(200, "OK", headers, bytes("stream open\n"));
        assertEquals(new GripInstruction(HoldMode.STREAM,
                List.of(ChannelSpec.of("counter-42"), new ChannelSpec("news", "17", List.of("skip-self"))),
                55, new KeepAlive(bytes(":\n\n"), 20, KeepAliveMode.IDLE), Map.of("user", "alice"), 200, "OK",
                List.of(new Header("Content-Type", "text/event-stream")), bytes("stream open\n")), i);
    }
}
