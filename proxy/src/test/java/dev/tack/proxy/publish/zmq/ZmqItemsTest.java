package dev.tack.proxy.publish.zmq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.publish.PublishFormatException;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZmqItemsTest {

    // The item of ZmqItems' javadoc, in its three encodings.
    private static final String JSON = "J{\"channel\":\"test\",\"formats\":{\"http-stream\":{\"content\":\"hi\\n\"}}}";
    private static final String TNET = "66:7:channel,4:test,7:formats,35:11:http-stream,16:7:content,3:hi\n,}}}";
    // What pushpin-publish 1.36 sends for `pushpin-publish --spec tcp://... test hi`.
    private static final String PUSHPIN_PUBLISH = "147:7:formats,115:11:http-stream,16:7:content,3:hi\n,}10:ws-message,"
            + "15:7:content,2:hi,}13:http-response,26:4:code,3:200#4:body,3:hi\n,}}7:channel,4:test,}";

    private static PublishItem decode(String message) throws PublishFormatException {
        return ZmqItems.decode(message.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    private static String refusal(String message) {
        return assertThrows(PublishFormatException.class, () -> decode(message)).getMessage();
    }

    private static String streamContent(PublishItem item) {
        return new String(item.httpStream().content(), StandardCharsets.UTF_8);
    }

    @Test
    void jsonAfterJIsOneItem() throws Exception {
        PublishItem item = decode(JSON);
        assertEquals("test", item.channel());
        assertEquals("hi\n", streamContent(item));
    }

    @Test
    void tnetstringAfterTIsOneItem() throws Exception {
        assertEquals(decode(JSON), decode("T" + TNET));
    }

    @Test
    void bareTnetstringIsOneItem() throws Exception {
        assertEquals(decode(JSON), decode(TNET));
    }

    @Test
    void pushpinPublishItemCarriesAllThreeFormats() throws Exception {
        PublishItem item = decode(PUSHPIN_PUBLISH);
        assertEquals("test", item.channel());
        assertEquals("hi\n", streamContent(item));
        assertEquals(200, item.httpResponse().code());
        assertArrayEquals("hi\n".getBytes(StandardCharsets.UTF_8), item.httpResponse().body());
        assertEquals(WsMessageType.TEXT, item.wsMessage().type());
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), item.wsMessage().content());
    }

    @Test
    void tnetstringContentIsRawBytes() throws Exception {
        byte[] raw = {(byte) 0xff, 0, (byte) 0xc3, '\n'};
        PublishItem item = ZmqItems.decode(item("http-stream", "content", raw), null);
        assertArrayEquals(raw, item.httpStream().content());
    }

    @Test
    void tnetstringBodyIsRawBytes() throws Exception {
        byte[] raw = {(byte) 0x80, 1, 2};
        PublishItem item = ZmqItems.decode(item("http-response", "body", raw), null);
        assertArrayEquals(raw, item.httpResponse().body());
    }

    @Test
    void tnetstringWsContentBinIsRawBytesNotBase64() throws Exception {
        byte[] raw = "aGk=".getBytes(StandardCharsets.US_ASCII);
        PublishItem item = ZmqItems.decode(item("ws-message", "content-bin", raw), null);
        assertEquals(WsMessageType.BINARY, item.wsMessage().type());
        assertArrayEquals(raw, item.wsMessage().content());
    }

    @Test
    void jsonContentBinIsBase64() throws Exception {
        PublishItem item = decode("J{\"channel\":\"c\",\"formats\":{\"ws-message\":{\"content-bin\":\"aGk=\"}}}");
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), item.wsMessage().content());
    }

    @Test
    void topicReplacesTheItemsChannel() throws Exception {
        PublishItem item = ZmqItems.decode(TNET.getBytes(StandardCharsets.ISO_8859_1), "news");
        assertEquals("news", item.channel());
    }

    @Test
    void emptyTopicLeavesTheItemsChannel() throws Exception {
        assertEquals("test", ZmqItems.decode(TNET.getBytes(StandardCharsets.ISO_8859_1), "").channel());
    }

    @Test
    void itemErrorsHavePushpinsText() {
        assertEquals("publish item object does not contain 'channel'",
                refusal("J{\"formats\":{\"http-stream\":{\"content\":\"x\"}}}"));
        assertEquals("'http-stream' does not contain 'content' or 'content-bin'",
                refusal("J{\"channel\":\"c\",\"formats\":{\"http-stream\":{}}}"));
    }

    @Test
    void tnetstringThatIsNotADictionaryIsNotAnItem() {
        assertEquals("publish item object is not an object", refusal("2:hi,"));
    }

    @Test
    void invalidJsonIsRefused() {
        assertEquals("invalid JSON after 'J' (expected: a JSON object)", refusal("J{\"channel\":"));
    }

    @Test
    void jsonArrayIsRefused() {
        assertEquals("JSON after 'J' is an array (expected: a JSON object)", refusal("J[]"));
    }

    @Test
    void invalidTnetstringNamesWhereItBroke() {
        assertEquals("invalid tnetstring after 'T': type tag 'x' at offset 6 (expected one of , # ^ ! ~ } ])",
                refusal("T3:abcx"));
        assertTrue(refusal("").startsWith("invalid tnetstring: length at offset 0"));
    }

    /** A tnetstring item on channel {@code c} whose only format has one field of raw bytes. */
    private static byte[] item(String format, String field, byte[] value) {
        byte[] inner = concat(frame(field.getBytes(StandardCharsets.US_ASCII), ','), frame(value, ','));
        byte[] formats = concat(frame(format.getBytes(StandardCharsets.US_ASCII), ','), frame(inner, '}'));
        byte[] body = concat(frame(b("channel"), ','), frame(b("c"), ','), frame(b("formats"), ','),
                frame(formats, '}'));
        return frame(body, '}');
    }

    private static byte[] frame(byte[] data, char tag) {
        return concat((data.length + ":").getBytes(StandardCharsets.US_ASCII), data, new byte[] {(byte) tag});
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
