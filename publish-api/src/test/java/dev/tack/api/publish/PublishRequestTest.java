package dev.tack.api.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request- and item-level rules of the publish body (docs/compatibility.md "Publishing"), with Pushpin's 400 texts. */
class PublishRequestTest {

    static List<PublishItem> decode(String json) throws PublishFormatException {
        return PublishJson.decodeRequest(json.getBytes(StandardCharsets.UTF_8));
    }

    static String error(String json) {
        return assertThrows(PublishFormatException.class, () -> decode(json)).getMessage();
    }

    /** Wraps one item object in a request. */
    static String items(String... items) {
        return "{\"items\":[" + String.join(",", items) + "]}";
    }

    static final String STREAM = "\"formats\":{\"http-stream\":{\"content\":\"x\"}}";

    @Test
    void bodyThatIsNotJsonIsRefused() {
        assertEquals("Body is not valid JSON.", error("{\"items\": ["));
        assertEquals("Body is not valid JSON.", error(""));
        assertEquals("Body is not valid JSON.", error("\"items\""));
        assertEquals("Body is not valid JSON.", error("{} trailing"));
    }

    @Test
    void bodyThatIsNotAnObjectIsInvalidFormat() {
        assertEquals("Invalid format.", error("[]"));
    }

    @Test
    void missingOrWrongItemsIsRefused() {
        assertEquals("Invalid format: object does not contain 'items'", error("{}"));
        assertEquals("Invalid format: object contains 'items' with wrong type", error("{\"items\":{}}"));
        assertEquals("Invalid format: object contains 'items' with wrong type", error("{\"items\":null}"));
    }

    @Test
    void emptyItemsIsAccepted() throws Exception {
        assertEquals(List.of(), decode("{\"items\":[]}"));
    }

    @Test
    void itemMustBeAnObjectWithAChannel() {
        assertEquals("Invalid format: publish item object is not an object", error(items("1")));
        assertEquals("Invalid format: publish item object does not contain 'channel'", error(items("{" + STREAM + "}")));
        assertEquals("Invalid format: publish item object contains 'channel' with wrong type",
                error(items("{\"channel\":5," + STREAM + "}")));
        assertEquals("Invalid format: publish item object contains 'channel' with wrong type",
                error(items("{\"channel\":null," + STREAM + "}")));
    }

    @Test
    void idAndPrevIdAreOptionalStrings() throws Exception {
        PublishItem item = decode(items("{\"channel\":\"c\",\"id\":\"2\",\"prev-id\":\"1\"," + STREAM + "}")).get(0);
        assertEquals("2", item.id());
        assertEquals("1", item.prevId());
        assertNull(decode(items("{\"channel\":\"c\",\"id\":null," + STREAM + "}")).get(0).id());
        assertEquals("Invalid format: publish item object contains 'prev-id' with wrong type",
                error(items("{\"channel\":\"c\",\"prev-id\":1," + STREAM + "}")));
    }

    @Test
    void formatsMustBeAnObjectWithAtLeastOneFormat() {
        assertEquals("Invalid format: publish item object contains 'formats' with wrong type",
                error(items("{\"channel\":\"c\",\"formats\":[]}")));
        assertEquals("Invalid format: no formats specified", error(items("{\"channel\":\"c\",\"formats\":{}}")));
        assertEquals("Invalid format: no formats specified", error(items("{\"channel\":\"c\"}")));
    }

    @Test
    void formatsWithOnlyUnknownKeysAreRefused() {
        assertEquals("Invalid format: no formats specified",
                error(items("{\"channel\":\"c\",\"formats\":{\"sse\":{}}}")));
    }

    @Test
    void legacyShorthandPutsFormatsOnTheItem() throws Exception {
        PublishItem item = decode(items("{\"channel\":\"c\",\"http-stream\":{\"content\":\"x\"},"
                + "\"ws-message\":null}")).get(0);
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), item.httpStream().content());
        assertNull(item.wsMessage());
    }

    @Test
    void formatsObjectWinsOverLegacyKeys() throws Exception {
        PublishItem item = decode(items("{\"channel\":\"c\"," + STREAM + ",\"ws-message\":{\"content\":\"w\"}}"))
                .get(0);
        assertNull(item.wsMessage());
    }

    @Test
    void metaValuesMustBeStrings() throws Exception {
        PublishItem item = decode(items("{\"channel\":\"c\",\"meta\":{\"sender\":\"alice\",\"b\":\"2\"}," + STREAM
                + "}")).get(0);
        assertEquals(Map.of("sender", "alice", "b", "2"), item.meta());
        assertEquals(List.of("sender", "b"), List.copyOf(item.meta().keySet()));
        assertEquals("Invalid format: 'meta' contains 'n' with wrong type",
                error(items("{\"channel\":\"c\",\"meta\":{\"n\":1}," + STREAM + "}")));
        assertEquals("Invalid format: publish item object contains 'meta' with wrong type",
                error(items("{\"channel\":\"c\",\"meta\":\"x\"," + STREAM + "}")));
    }

    @Test
    void sizeIsANonNegativeInteger() throws Exception {
        decode(items("{\"channel\":\"c\",\"size\":12," + STREAM + "}"));
        assertEquals("Invalid format: publish item object contains 'size' with invalid value",
                error(items("{\"channel\":\"c\",\"size\":-1," + STREAM + "}")));
        assertEquals("Invalid format: publish item object contains 'size' with wrong type",
                error(items("{\"channel\":\"c\",\"size\":\"big\"," + STREAM + "}")));
    }

    @Test
    void noSeqIsABoolean() throws Exception {
        assertTrue(decode(items("{\"channel\":\"c\",\"no-seq\":true," + STREAM + "}")).get(0).noSeq());
        assertFalse(decode(items("{\"channel\":\"c\"," + STREAM + "}")).get(0).noSeq());
        assertEquals("Invalid format: publish item object contains 'no-seq' with wrong type",
                error(items("{\"channel\":\"c\",\"no-seq\":1," + STREAM + "}")));
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        PublishItem item = decode("{\"items\":[{\"channel\":\"c\",\"color\":\"red\",\"formats\":{\"http-stream\":"
                + "{\"content\":\"x\",\"extra\":1},\"future\":{}}}],\"other\":true}").get(0);
        assertEquals("c", item.channel());
    }

    @Test
    void oneBadItemRefusesTheWholeRequest() {
        assertEquals("Invalid format: publish item object does not contain 'channel'",
                error(items("{\"channel\":\"ok\"," + STREAM + "}", "{" + STREAM + "}")));
    }

    @Test
    void unknownActionIsNamedInTheMessage() {
        assertEquals("Invalid format: 'http-stream' contains 'action' with unknown value (expected: send, hint, "
                + "close or refresh)",
                error(items("{\"channel\":\"c\",\"formats\":{\"http-stream\":{\"action\":\"explode\"}}}")));
    }

    @Test
    void decodeItemReportsTheBareItemError() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        PublishFormatException e = assertThrows(PublishFormatException.class,
                () -> PublishJson.decodeItem(mapper.readTree("{" + STREAM + "}")));
        assertEquals("publish item object does not contain 'channel'", e.getMessage());
    }

    @Test
    void decodeItemWithATopicChannelIgnoresTheItemChannel() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertEquals("topic", PublishJson.decodeItem(mapper.readTree("{" + STREAM + "}"), "topic").channel());
        assertEquals("topic", PublishJson.decodeItem(mapper.readTree("{\"channel\":5," + STREAM + "}"), "topic")
                .channel());
    }

    @Test
    void jsGripRequestDecodes() throws Exception {
        List<PublishItem> items = decode("{\"items\":[{\"formats\":{\"http-stream\":{\"content\":\"hello\\n\"}},"
                + "\"id\":\"id1\",\"prev-id\":\"id0\",\"channel\":\"ch\"}]}");
        assertEquals(PublishItem.of("ch", HttpStreamFormat.of("hello\n")).withId("id1").withPrevId("id0"),
                items.get(0));
    }
}
