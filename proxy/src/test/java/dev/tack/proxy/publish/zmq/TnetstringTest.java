package dev.tack.proxy.publish.zmq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TnetstringTest {

    private static JsonNode parse(String text) throws TnetstringException {
        return Tnetstring.parse(text.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    private static String refusal(String text) {
        return assertThrows(TnetstringException.class, () -> parse(text)).getMessage();
    }

    private static String text(JsonNode node) {
        return new String(((BinaryNode) node).binaryValue(), StandardCharsets.UTF_8);
    }

    @Test
    void byteStringBecomesBinaryNode() throws Exception {
        JsonNode node = parse("5:hello,");
        assertTrue(node.isBinary());
        assertEquals("hello", text(node));
    }

    @Test
    void emptyByteStringIsAllowed() throws Exception {
        assertEquals(0, ((BinaryNode) parse("0:,")).binaryValue().length);
    }

    @Test
    void byteStringKeepsBytesThatAreNotUtf8() throws Exception {
        byte[] raw = {'3', ':', (byte) 0xff, 0, (byte) 0x80, ','};
        assertArrayEquals(new byte[] {(byte) 0xff, 0, (byte) 0x80}, Tnetstring.parse(raw, 0).binaryValue());
    }

    @Test
    void scalarsReadAsTheirTypes() throws Exception {
        assertEquals(-42, parse("3:-42#").longValue());
        assertEquals(1.5, parse("3:1.5^").doubleValue());
        assertEquals(2e-3, parse("4:2e-3^").doubleValue());
        assertEquals(true, parse("4:true!").booleanValue());
        assertEquals(false, parse("5:false!").booleanValue());
        assertTrue(parse("0:~").isNull());
    }

    @Test
    void dictionaryKeysBecomeTextAndValuesNest() throws Exception {
        JsonNode node = parse("30:2:id,1:7,4:list,10:1:1#0:~0:]]}");
        assertEquals("7", text(node.get("id")));
        assertEquals(3, node.get("list").size());
        assertEquals(1, node.get("list").get(0).longValue());
        assertTrue(node.get("list").get(1).isNull());
        assertEquals(0, node.get("list").get(2).size());
    }

    @Test
    void offsetSkipsAPrefix() throws Exception {
        assertEquals("a", text(Tnetstring.parse("T1:a,".getBytes(StandardCharsets.US_ASCII), 1)));
    }

    @Test
    void lengthMustBeDigits() {
        assertEquals("length at offset 0 starts with 'x:abc,' (expected: up to 9 decimal digits, then ':')",
                refusal("x:abc,"));
    }

    @Test
    void lengthMustEndWithColon() {
        assertEquals("length at offset 0 starts with '12' (expected: decimal digits, then ':')", refusal("12"));
    }

    @Test
    void emptyMessageIsRefused() {
        assertEquals("length at offset 0 starts with '' (expected: decimal digits, then ':')", refusal(""));
    }

    @Test
    void lengthLongerThanTheMessageIsRefused() {
        assertEquals("value at offset 0 declares 10 bytes but 4 follow its ':' "
                + "(expected: 10 bytes of data, then a tag)",
                refusal("10:abc,"));
    }

    @Test
    void lengthOfTenDigitsIsRefused() {
        assertTrue(refusal("1234567890:x,").startsWith("length at offset 0"));
    }

    @Test
    void unknownTagIsRefused() {
        assertEquals("type tag 'x' at offset 5 (expected one of , # ^ ! ~ } ])", refusal("3:abcx"));
    }

    @Test
    void bytesAfterTheValueAreRefused() {
        assertEquals("3 bytes after the value at offset 4 (expected: one value filling the message)",
                refusal("1:a,xyz"));
    }

    @Test
    void dictionaryKeyMustBeByteString() {
        assertEquals("dictionary key at offset 2 has type integer (expected: a byte string)", refusal("8:1:1#1:a,}"));
    }

    @Test
    void dictionaryKeyNeedsValue() {
        assertEquals("dictionary key at offset 2 has no value", refusal("4:1:a,}"));
    }

    @Test
    void elementMayNotRunPastItsContainer() {
        assertEquals("value at offset 2 declares 4 bytes but 4 follow its ':' (expected: 4 bytes of data, then a tag)",
                refusal("6:4:abc,]"));
    }

    @Test
    void integerMustBeDecimalAndFitInLong() {
        assertEquals("integer at offset 0 is '1a' (expected: a 64-bit decimal integer)", refusal("2:1a#"));
        assertTrue(refusal("20:99999999999999999999#").startsWith("integer at offset 0 is '9999"));
    }

    @Test
    void floatMustBeDecimal() {
        assertEquals("float at offset 0 is 'NaN' (expected: a decimal number such as 1.5 or 2e-3)", refusal("3:NaN^"));
    }

    @Test
    void booleanMustBeTrueOrFalse() {
        assertEquals("boolean at offset 0 is 'yes' (expected: true or false)", refusal("3:yes!"));
    }

    @Test
    void nullCarriesNoData() {
        assertEquals("null at offset 0 carries 1 bytes (expected: 0:~)", refusal("1:x~"));
    }

    @Test
    void nestingUpToTheLimitIsRead() throws Exception {
        assertEquals(1, parse(nestedLists(Tnetstring.MAX_DEPTH)).size());
    }

    @Test
    void nestingPastTheLimitIsRefused() {
        assertTrue(refusal(nestedLists(Tnetstring.MAX_DEPTH + 1)).endsWith("(expected: at most 64)"));
    }

    @Test
    void encodeWritesEveryTypeInOrder() {
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.put("id", "7f0c").put("success", true).putNull("value");
        assertEquals("40:2:id,4:7f0c,7:success,4:true!5:value,0:~}", ascii(Tnetstring.encode(reply)));
        ObjectNode mixed = JsonNodeFactory.instance.objectNode();
        mixed.put("n", -3).put("f", 0.5).put("b", false).put("raw", new byte[] {1, 2});
        mixed.putArray("l").add("x");
        assertEquals("53:1:n,2:-3#1:f,3:0.5^1:b,5:false!3:raw,2:\u0001\u0002,1:l,4:1:x,]}",
                ascii(Tnetstring.encode(mixed)));
    }

    @Test
    void encodedTreeParsesBackWithTextAsBytes() throws Exception {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("channel", "ch").putObject("formats").putObject("ws-message").put("content", "héllo");
        JsonNode back = Tnetstring.parse(Tnetstring.encode(tree), 0);
        assertEquals("héllo", text(back.get("formats").get("ws-message").get("content")));
    }

    private static String nestedLists(int depth) {
        String value = "0:]";
        for (int i = 1; i < depth; i++) {
            value = value.length() + ":" + value + "]";
        }
        return value;
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
