package dev.tack.api.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per rule of the three formats (docs/compatibility.md "Publishing"; Pushpin's publishformattest). */
class PublishFormatsTest {

    static PublishItem item(String format, String body) throws PublishFormatException {
        String json = "{\"items\":[{\"channel\":\"c\",\"formats\":{\"" + format + "\":" + body + "}}]}";
        return PublishJson.decodeRequest(json.getBytes(StandardCharsets.UTF_8)).get(0);
    }

    static HttpResponseFormat response(String body) throws PublishFormatException {
        return item("http-response", body).httpResponse();
    }

    static HttpStreamFormat stream(String body) throws PublishFormatException {
        return item("http-stream", body).httpStream();
    }

    static WsMessageFormat ws(String body) throws PublishFormatException {
        return item("ws-message", body).wsMessage();
    }

    static String error(String format, String body) {
        return assertThrows(PublishFormatException.class, () -> item(format, body)).getMessage();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void actionDefaultsToSendAndKnowsHintCloseRefresh() throws Exception {
        assertEquals(Action.SEND, stream("{\"content\":\"x\"}").action());
        assertEquals(Action.SEND, stream("{\"action\":\"send\",\"content\":\"x\"}").action());
        assertEquals(Action.HINT, response("{\"action\":\"hint\"}").action());
        assertEquals(Action.CLOSE, stream("{\"action\":\"close\"}").action());
        assertEquals(Action.REFRESH, ws("{\"action\":\"refresh\"}").action());
        assertEquals("Invalid format: 'http-stream' contains 'action' with wrong type",
                error("http-stream", "{\"action\":1}"));
    }

    @Test
    void formatMustBeAnObject() {
        assertEquals("Invalid format: 'ws-message' is not an object", error("ws-message", "\"hi\""));
        assertEquals("Invalid format: 'http-response' is not an object", error("http-response", "null"));
    }

    @Test
    void httpResponseDefaultsTo200Ok() throws Exception {
        HttpResponseFormat f = response("{\"body\":\"hello\\n\"}");
        assertEquals(200, f.code());
        assertEquals("OK", f.reason());
        assertEquals(List.of(), f.headers());
        assertArrayEquals(bytes("hello\n"), f.body());
        assertNull(f.bodyPatch());
    }

    @Test
    void httpResponseCodeGivesTheStandardReasonUnlessOneIsGiven() throws Exception {
        assertEquals("Not Found", response("{\"code\":404,\"body\":\"\"}").reason());
        assertEquals("Gone Fishing", response("{\"code\":404,\"reason\":\"Gone Fishing\",\"body\":\"\"}").reason());
        assertEquals(404, response("{\"code\":\"404\",\"body\":\"\"}").code());
    }

    @Test
    void httpResponseCodeIsAnIntegerFrom0To999() {
        assertEquals("Invalid format: 'http-response' contains 'code' with invalid value",
                error("http-response", "{\"code\":1000,\"body\":\"\"}"));
        assertEquals("Invalid format: 'http-response' contains 'code' with invalid value",
                error("http-response", "{\"code\":-1,\"body\":\"\"}"));
        assertEquals("Invalid format: 'http-response' contains 'code' with wrong type",
                error("http-response", "{\"code\":[],\"body\":\"\"}"));
        assertEquals("Invalid format: 'http-response' contains 'code' with wrong type",
                error("http-response", "{\"code\":200.5,\"body\":\"\"}"));
    }

    @Test
    void httpResponseHeadersAsObjectOrList() throws Exception {
        assertEquals(List.of(new Header("Content-Type", "text/plain")),
                response("{\"headers\":{\"Content-Type\":\"text/plain\"},\"body\":\"\"}").headers());
        assertEquals(List.of(new Header("Set-Cookie", "a=1"), new Header("Set-Cookie", "b=2")),
                response("{\"headers\":[[\"Set-Cookie\",\"a=1\"],[\"Set-Cookie\",\"b=2\"]],\"body\":\"\"}")
                        .headers());
    }

    @Test
    void httpResponseHeaderErrors() {
        assertEquals("Invalid format: 'http-response' contains 'headers' with wrong type",
                error("http-response", "{\"headers\":\"x\",\"body\":\"\"}"));
        assertEquals("Invalid format: headers contains element with wrong type",
                error("http-response", "{\"headers\":[\"x\"],\"body\":\"\"}"));
        assertEquals("Invalid format: headers contains list with wrong number of elements",
                error("http-response", "{\"headers\":[[\"a\",\"b\",\"c\"]],\"body\":\"\"}"));
        assertEquals("Invalid format: header contains name element with wrong type",
                error("http-response", "{\"headers\":[[1,\"b\"]],\"body\":\"\"}"));
        assertEquals("Invalid format: header contains value element with wrong type",
                error("http-response", "{\"headers\":[[\"a\",1]],\"body\":\"\"}"));
        assertEquals("Invalid format: headers contains 'X' with wrong type",
                error("http-response", "{\"headers\":{\"X\":2},\"body\":\"\"}"));
    }

    @Test
    void httpResponseBodyBinIsBase64AndWinsOverBody() throws Exception {
        assertArrayEquals(bytes("hi"), response("{\"body-bin\":\"aGk=\",\"body\":\"ignored\"}").body());
    }

    @Test
    void httpResponseBodyPatchIsAList() throws Exception {
        HttpResponseFormat f = response("{\"body-patch\":[{\"op\":\"remove\",\"path\":\"/a\"}]}");
        assertEquals(new ObjectMapper().readTree("[{\"op\":\"remove\",\"path\":\"/a\"}]"), f.bodyPatch());
        assertArrayEquals(new byte[0], f.body());
        assertEquals("Invalid format: 'http-response' contains 'body-patch' with wrong type",
                error("http-response", "{\"body-patch\":{}}"));
    }

    @Test
    void httpResponseNeedsABody() {
        assertEquals("Invalid format: 'http-response' does not contain 'body', 'body-bin', or 'body-patch'",
                error("http-response", "{\"code\":200}"));
        assertEquals("Invalid format: 'http-response' contains 'body' with wrong type",
                error("http-response", "{\"body\":5}"));
    }

    @Test
    void contentFiltersMustBeAListOfStrings() {
        assertEquals("Invalid format: 'http-stream' contains 'content-filters' with wrong type",
                error("http-stream", "{\"content\":\"x\",\"content-filters\":\"a\"}"));
        assertEquals("Invalid format: content-filters contains element with wrong type",
                error("http-stream", "{\"content\":\"x\",\"content-filters\":[1]}"));
    }

    @Test
    void contentFiltersAreKeptInOrderAndAbsentIsNotEmpty() throws Exception {
        String filters = ",\"content-filters\":[\"build-id\",\"var-subst\"]";
        assertEquals(List.of("build-id", "var-subst"), stream("{\"content\":\"x\"" + filters + "}").contentFilters());
        assertEquals(List.of("build-id", "var-subst"), ws("{\"content\":\"x\"" + filters + "}").contentFilters());
        assertEquals(List.of("build-id", "var-subst"), response("{\"body\":\"x\"" + filters + "}").contentFilters());
        assertEquals(List.of(), stream("{\"content\":\"x\",\"content-filters\":[]}").contentFilters());
        assertNull(stream("{\"content\":\"x\"}").contentFilters());
    }

    @Test
    void contentFiltersAreReadForSendOnly() throws Exception {
        assertNull(stream("{\"action\":\"hint\",\"content-filters\":[\"build-id\"]}").contentFilters());
    }

    @Test
    void pushpinPublishHintAndCloseParse() throws Exception {
        // What pushpin-publish 1.36 sends for --hint and for --close (captured from the Debian binary).
        PublishItem hint = PublishJson.decodeRequest(bytes("{\"items\":[{\"channel\":\"test\",\"formats\":{"
                + "\"http-response\":{\"action\":\"hint\"},\"http-stream\":{\"action\":\"hint\"},"
                + "\"ws-message\":{\"action\":\"hint\"}}}]}")).get(0);
        assertEquals(Action.HINT, hint.httpResponse().action());
        assertEquals(Action.HINT, hint.httpStream().action());
        assertEquals(Action.HINT, hint.wsMessage().action());
        PublishItem close = PublishJson.decodeRequest(bytes("{\"items\":[{\"channel\":\"test\",\"formats\":{"
                + "\"http-stream\":{\"action\":\"close\"},\"ws-message\":{\"action\":\"close\"}}}]}")).get(0);
        assertEquals(HttpStreamFormat.close(), close.httpStream());
        assertNull(close.wsMessage().closeCode());
        assertEquals(1000, close.wsMessage().clientCloseCode());
        assertEquals(4001, WsMessageFormat.close(4001, null).clientCloseCode());
    }

    @Test
    void publisherMetaDrivesFilters() throws Exception {
        // pushpin-publish --sender alice -M skip_users=bob,carol -M require_sub=x
        PublishItem item = PublishJson.decodeRequest(bytes("{\"items\":[{\"channel\":\"test\",\"formats\":{"
                + "\"http-stream\":{\"content\":\"hello\\n\"}},\"id\":\"2\",\"meta\":{\"require_sub\":\"x\","
                + "\"sender\":\"alice\",\"skip_users\":\"bob,carol\"},\"prev-id\":\"1\"}]}")).get(0);
        assertEquals(Map.of("sender", "alice", "skip_users", "bob,carol", "require_sub", "x"), item.meta());
        assertEquals("2", item.id());
        assertEquals("1", item.prevId());
    }

    @Test
    void httpStreamContentOrContentBin() throws Exception {
        assertArrayEquals(bytes("data: hi\n\n"), stream("{\"content\":\"data: hi\\n\\n\"}").content());
        assertArrayEquals(new byte[] {(byte) 0xff}, stream("{\"content-bin\":\"/w==\"}").content());
        assertEquals("Invalid format: 'http-stream' does not contain 'content' or 'content-bin'",
                error("http-stream", "{}"));
        assertEquals("Invalid format: 'http-stream' contains 'content' with wrong type",
                error("http-stream", "{\"content\":{}}"));
    }

    @Test
    void httpStreamCloseNeedsNoContent() throws Exception {
        assertEquals(HttpStreamFormat.close(), stream("{\"action\":\"close\",\"content\":\"\"}"));
    }

    @Test
    void wsMessageTypeFollowsTheContentField() throws Exception {
        assertEquals(WsMessageFormat.text("hi"), ws("{\"content\":\"hi\"}"));
        assertEquals(WsMessageFormat.binary(new byte[] {1, 2}), ws("{\"content-bin\":\"AQI=\"}"));
    }

    @Test
    void wsMessageExplicitType() throws Exception {
        assertEquals(WsMessageType.BINARY, ws("{\"type\":\"binary\",\"content\":\"hi\"}").type());
        assertEquals(WsMessageType.TEXT, ws("{\"type\":\"text\",\"content-bin\":\"aGk=\"}").type());
        assertEquals("Invalid format: 'ws-message' contains 'type' with unknown value",
                error("ws-message", "{\"type\":\"frame\",\"content\":\"x\"}"));
    }

    @Test
    void wsMessagePingAndPongMayBeEmpty() throws Exception {
        WsMessageFormat ping = ws("{\"type\":\"ping\"}");
        assertEquals(WsMessageType.PING, ping.type());
        assertArrayEquals(new byte[0], ping.content());
        assertEquals(WsMessageType.PONG, ws("{\"type\":\"pong\",\"content\":\"p\"}").type());
    }

    @Test
    void wsMessageTextAndBinaryNeedContent() {
        assertEquals("Invalid format: 'ws-message' does not contain 'content' or 'content-bin'",
                error("ws-message", "{}"));
        assertEquals("Invalid format: 'ws-message' does not contain 'content' or 'content-bin'",
                error("ws-message", "{\"type\":\"binary\"}"));
        assertEquals("Invalid format: 'ws-message' contains 'content-bin' with wrong type",
                error("ws-message", "{\"content-bin\":null}"));
    }

    @Test
    void wsMessageCloseWithAndWithoutCode() throws Exception {
        assertEquals(WsMessageFormat.close(4001, "bye"), ws("{\"action\":\"close\",\"code\":4001,\"reason\":\"bye\"}"));
        assertEquals(WsMessageFormat.close(1000, null), ws("{\"action\":\"close\",\"code\":1000}"));
        assertEquals(WsMessageFormat.close(null, null), ws("{\"action\":\"close\"}"));
    }

    @Test
    void wsMessageCloseCodeMustBeOneACloseFrameMayCarry() throws Exception {
        for (int bad : new int[] {0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 70000}) {
            assertEquals("Invalid format: 'ws-message' contains 'code' with invalid value " + bad + " (expected: a close "
                    + "code a WebSocket may send: 1000-1003, 1007-1014 or 3000-4999)",
                    error("ws-message", "{\"action\":\"close\",\"code\":" + bad + "}"));
        }
        assertEquals(WsMessageFormat.close(1011, null), ws("{\"action\":\"close\",\"code\":1011}"));
        assertEquals(WsMessageFormat.close(4999, null), ws("{\"action\":\"close\",\"code\":4999}"));
    }

    @Test
    void wsMessageCloseReasonMustFitInACloseFrame() throws Exception {
        assertEquals(WsMessageFormat.close(1000, "r".repeat(123)),
                ws("{\"action\":\"close\",\"code\":1000,\"reason\":\"" + "r".repeat(123) + "\"}"));
        assertEquals("Invalid format: 'ws-message' contains 'reason' with invalid value (expected: at most 123 bytes "
                + "of UTF-8, the room in a close frame)",
                error("ws-message", "{\"action\":\"close\",\"code\":1000,\"reason\":\"" + "é".repeat(62) + "\"}"));
    }

    @Test
    void wsMessageCloseCodeIsANonNegativeInteger() {
        assertEquals("Invalid format: 'ws-message' contains 'code' with invalid value",
                error("ws-message", "{\"action\":\"close\",\"code\":-1}"));
        assertEquals("Invalid format: 'ws-message' contains 'code' with wrong type",
                error("ws-message", "{\"action\":\"close\",\"code\":true}"));
    }

    @Test
    void fieldsOtherThanActionAreIgnoredForOtherActions() throws Exception {
        assertEquals(HttpResponseFormat.of(Action.HINT), response("{\"action\":\"hint\",\"code\":\"junk\"}"));
        assertEquals(Action.REFRESH, ws("{\"action\":\"refresh\",\"type\":\"nonsense\"}").action());
    }

    @Test
    void base64IsStandardOrUrlSafeWithOptionalPadding() throws Exception {
        assertArrayEquals(bytes("hello"), stream("{\"content-bin\":\"aGVsbG8=\"}").content());
        assertArrayEquals(bytes("hello"), stream("{\"content-bin\":\"aGVsbG8\"}").content());
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, stream("{\"content-bin\":\"-_8\"}").content());
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, stream("{\"content-bin\":\"+/8=\"}").content());
    }

    @Test
    void base64ThatIsNotBase64IsRefusedNamingTheField() {
        String expected = " contains 'content-bin' with invalid value (expected: base64, standard or URL-safe "
                + "alphabet, nothing else)";
        assertEquals("Invalid format: 'http-stream'" + expected, error("http-stream", "{\"content-bin\":\"aGVs\\nbG8=\"}"));
        assertEquals("Invalid format: 'http-stream'" + expected, error("http-stream", "{\"content-bin\":\"aGk=garbage\"}"));
        assertEquals("Invalid format: 'ws-message'" + expected, error("ws-message", "{\"content-bin\":\"+_8=\"}"));
        assertEquals("Invalid format: 'http-response' contains 'body-bin' with invalid value (expected: base64, "
                + "standard or URL-safe alphabet, nothing else)", error("http-response", "{\"body-bin\":\"a\"}"));
    }
}
