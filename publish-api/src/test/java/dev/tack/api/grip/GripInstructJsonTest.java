package dev.tack.api.grip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tack.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per rule of the {@code application/grip-instruct} JSON body (docs/compatibility.md "GRIP instructions"). */
class GripInstructJsonTest {

    static GripInstruction parse(int status, String json, String... extraHeaders) throws GripInstructionException {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Content-Type", "application/grip-instruct"));
        for (int i = 0; i < extraHeaders.length; i += 2) {
            headers.add(new Header(extraHeaders[i], extraHeaders[i + 1]));
        }
        return GripInstructionParser.parse(status, "OK", headers, json.getBytes(StandardCharsets.UTF_8));
    }

    static GripInstruction parse(String json, String... extraHeaders) throws GripInstructionException {
        return parse(200, json, extraHeaders);
    }

    static String error(String json) {
        return assertThrows(GripInstructionException.class, () -> parse(json)).getMessage();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void responseOnlyGivesNoHoldWithTheJsonResponse() throws Exception {
        GripInstruction i = parse("{\"response\":{\"code\": 200,\"headers\":{\"Content-Type\":\"text/plain\"},"
                + "\"body\":\"hello world\"}}");
        assertNull(i.hold());
        assertEquals(200, i.status());
        assertEquals("OK", i.reason());
        assertEquals(List.of(new Header("Content-Type", "text/plain")), i.headers());
        assertArrayEquals(bytes("hello world"), i.body());
    }

    @Test
    void responseHoldWithChannelsTimeoutAndMeta() throws Exception {
        GripInstruction i = parse("{\"hold\":{\"mode\":\"response\",\"channels\":[{\"name\":\"test\"}],"
                + "\"timeout\":120,\"meta\":{\"foo\":\"bar\",\"bar\":\"baz\"}}}");
        assertEquals(HoldMode.RESPONSE, i.hold());
        assertEquals(List.of(ChannelSpec.of("test")), i.channels());
        assertEquals(120, i.timeoutSeconds());
        assertEquals(Map.of("foo", "bar", "bar", "baz"), i.meta());
    }

    @Test
    void holdModeDefaultsToResponseAndStreamIsAccepted() throws Exception {
        assertEquals(HoldMode.RESPONSE, parse("{\"hold\":{\"channels\":[]}}").hold());
        assertEquals(HoldMode.STREAM, parse("{\"hold\":{\"mode\":\"stream\",\"channels\":[]}}").hold());
        assertEquals("hold 'mode' must be set to either 'response' or 'stream'",
                error("{\"hold\":{\"mode\":\"poll\",\"channels\":[]}}"));
    }

    @Test
    void channelsCarryPrevIdAndFilters() throws Exception {
        GripInstruction i = parse("{\"hold\":{\"channels\":[{\"name\":\"apple\",\"prev-id\":\"item1\","
                + "\"filters\":[\"f1\"]},{\"name\":\"banana\",\"filters\":[\"f2\"]},"
                + "{\"name\":\"cherry\",\"filters\":[\"f1\",\"f2\"]}]}}");
        assertEquals(List.of(new ChannelSpec("apple", "item1", List.of("f1")),
                new ChannelSpec("banana", null, List.of("f2")),
                new ChannelSpec("cherry", null, List.of("f1", "f2"))), i.channels());
    }

    @Test
    void channelsAreRequiredAndChecked() {
        assertEquals("hold does not contain 'channels'", error("{\"hold\":{}}"));
        assertEquals("hold contains 'channels' with wrong type", error("{\"hold\":{\"channels\":{}}}"));
        assertEquals("channel is not an object", error("{\"hold\":{\"channels\":[\"a\"]}}"));
        assertEquals("channel does not contain 'name'", error("{\"hold\":{\"channels\":[{}]}}"));
        assertEquals("channel contains 'name' with wrong type", error("{\"hold\":{\"channels\":[{\"name\":1}]}}"));
        assertEquals("channel contains 'prev-id' with wrong type",
                error("{\"hold\":{\"channels\":[{\"name\":\"a\",\"prev-id\":2}]}}"));
        assertEquals("filters contains value with wrong type",
                error("{\"hold\":{\"channels\":[{\"name\":\"a\",\"filters\":[1]}]}}"));
        assertEquals("too many filters for channel 'a'", error("{\"hold\":{\"channels\":[{\"name\":\"a\","
                + "\"filters\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]}]}}"));
    }

    @Test
    void holdTimeoutIsCheckedAndRaisedToTheMinimum() throws Exception {
        assertEquals(5, parse("{\"hold\":{\"channels\":[],\"timeout\":2}}").timeoutSeconds());
        assertEquals("hold contains 'timeout' with wrong type", error("{\"hold\":{\"channels\":[],\"timeout\":[]}}"));
        assertEquals("hold contains 'timeout' with invalid value",
                error("{\"hold\":{\"channels\":[],\"timeout\":-1}}"));
    }

    @Test
    void keepAliveWithoutModeActsAsIntervalWithDefaultTimeout() throws Exception {
        KeepAlive k = parse("{\"hold\":{\"mode\":\"stream\",\"channels\":[],\"keep-alive\":{\"content\":\"ka\"}}}")
                .keepAlive();
        assertEquals(new KeepAlive(bytes("ka"), 55, KeepAliveMode.INTERVAL), k);
    }

    @Test
    void keepAliveContentBinIsBase64AndTimeoutIsChecked() throws Exception {
        KeepAlive k = parse("{\"hold\":{\"channels\":[],\"keep-alive\":{\"content-bin\":\"cGluZwo=\","
                + "\"timeout\":0}}}").keepAlive();
        assertEquals(new KeepAlive(bytes("ping\n"), 1, KeepAliveMode.INTERVAL), k);
        assertEquals("keep-alive contains 'timeout' with invalid value",
                error("{\"hold\":{\"channels\":[],\"keep-alive\":{\"content\":\"x\",\"timeout\":-1}}}"));
        assertEquals("keep-alive contains 'content' with wrong type",
                error("{\"hold\":{\"channels\":[],\"keep-alive\":{\"content\":5}}}"));
    }

    @Test
    void keepAliveWithoutContentIsNoKeepAlive() throws Exception {
        assertNull(parse("{\"hold\":{\"channels\":[],\"keep-alive\":{\"timeout\":10}}}").keepAlive());
    }

    @Test
    void metaValuesMustBeStrings() {
        assertEquals("'meta' contains 'n' with wrong type", error("{\"hold\":{\"channels\":[],\"meta\":{\"n\":1}}}"));
        assertEquals("hold contains 'meta' with wrong type", error("{\"hold\":{\"channels\":[],\"meta\":[]}}"));
    }

    @Test
    void statusOtherThan200IsAnError() {
        GripInstructionException e = assertThrows(GripInstructionException.class,
                () -> parse(201, "{}"));
        assertEquals("response code for application/grip-instruct content must be 200", e.getMessage());
    }

    @Test
    void bodyMustBeAJsonObject() {
        assertEquals("instruct must be an object", error("[]"));
        assertEquals("failed to parse application/grip-instruct content as JSON", error("{"));
        assertEquals("failed to parse application/grip-instruct content as JSON", error("5"));
        assertEquals("instruct contains 'hold' with wrong type", error("{\"hold\":[]}"));
    }

    @Test
    void responseCodeRederivesTheReasonUnlessGiven() throws Exception {
        GripInstruction i = parse("{\"response\":{\"code\":404}}");
        assertEquals(404, i.status());
        assertEquals("Not Found", i.reason());
        GripInstruction custom = parse("{\"response\":{\"code\":404,\"reason\":\"Nope\"}}");
        assertEquals("Nope", custom.reason());
        assertEquals("response contains 'code' with invalid value", error("{\"response\":{\"code\":1000}}"));
    }

    @Test
    void responseHeadersMayBeAListOfPairs() throws Exception {
        GripInstruction i = parse("{\"response\":{\"headers\":[[\"X-A\",\"1\"],[\"X-A\",\"2\"]]}}");
        assertEquals(List.of(new Header("X-A", "1"), new Header("X-A", "2")), i.headers());
        assertEquals("headers contains list with wrong number of elements",
                error("{\"response\":{\"headers\":[[\"X-A\"]]}}"));
        assertEquals("headers contains 'X-A' with wrong type", error("{\"response\":{\"headers\":{\"X-A\":1}}}"));
    }

    @Test
    void responseBodyBinIsBase64() throws Exception {
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff},
                parse("{\"response\":{\"body-bin\":\"AAH/\"}}").body());
    }

    @Test
    void responseThatIsNotAnObjectGivesAnEmptyMessage() {
        assertEquals("", error("{\"response\":\"x\"}"));
    }

    @Test
    void originHeadersAndBodyAreReplacedEvenWithoutResponse() throws Exception {
        GripInstruction i = parse("{\"hold\":{\"channels\":[{\"name\":\"a\"}]}}", "X-Origin", "1");
        assertEquals(List.of(), i.headers());
        assertArrayEquals(new byte[0], i.body());
    }

    @Test
    void headerInstructionsComeFirstAndJsonOverridesThem() throws Exception {
        GripInstruction i = parse("{\"hold\":{\"mode\":\"stream\",\"channels\":[{\"name\":\"b\"}],\"timeout\":30,"
                        + "\"meta\":{\"k\":\"json\"}}}",
                "Grip-Hold", "response", "Grip-Channel", "a", "Grip-Timeout", "90", "Grip-Set-Meta", "k=hdr, z=1");
        assertEquals(HoldMode.STREAM, i.hold());
        assertEquals(List.of(ChannelSpec.of("a"), ChannelSpec.of("b")), i.channels());
        assertEquals(30, i.timeoutSeconds());
        assertEquals(Map.of("k", "json", "z", "1"), i.meta());
    }

    @Test
    void headerKeepAliveModeSurvivesAJsonKeepAlive() throws Exception {
        GripInstruction i = parse("{\"hold\":{\"channels\":[],\"keep-alive\":{\"content\":\"j\",\"timeout\":9}}}",
                "Grip-Keep-Alive", "h; mode=idle; timeout=3");
        assertEquals(new KeepAlive(bytes("j"), 9, KeepAliveMode.IDLE), i.keepAlive());
    }

    @Test
    void gripStatusHeaderDoesNotExcuseANon200Origin() {
        GripInstructionException e = assertThrows(GripInstructionException.class,
                () -> parse(404, "{}", "Grip-Status", "200"));
        assertEquals("response code for application/grip-instruct content must be 200", e.getMessage());
    }
}
