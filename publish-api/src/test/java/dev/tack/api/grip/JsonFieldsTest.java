package dev.tack.api.grip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.api.grip.JsonFields.FieldException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s.replace('\'', '"'));
    }

    @Test
    void integersMayBeIntegralNumbersOrDecimalStrings() throws Exception {
        assertEquals(404, JsonFields.integer(json("404"), "p", "code"));
        assertEquals(404, JsonFields.integer(json("404.0"), "p", "code"));
        assertEquals(-3, JsonFields.integer(json("' -3 '"), "p", "code"));
        assertEquals(Long.MAX_VALUE, JsonFields.integer(json("1e30"), "p", "code"));
    }

    @Test
    void booleansFractionsWordsAndNullAreTheWrongType() throws Exception {
        for (String bad : new String[] {"true", "1.5", "'abc'", "null", "[]"}) {
            FieldException e = assertThrows(FieldException.class, () -> JsonFields.integer(json(bad), "p", "code"));
            assertEquals("p contains 'code' with wrong type", e.getMessage(), bad);
        }
    }

    @Test
    void numbersTooLargeForADoubleAreTheWrongTypeNotACrash() throws Exception {
        for (String huge : new String[] {"1e400", "-1e400", "1.5e999"}) {
            FieldException e = assertThrows(FieldException.class, () -> JsonFields.integer(json(huge), "p", "code"));
            assertEquals("p contains 'code' with wrong type", e.getMessage(), huge);
        }
    }

    @Test
    void headerNamesMustBeTokensAndValuesFreeOfControlCharacters() throws Exception {
        assertEquals(1, JsonFields.headers(json("{'X-Ok':'fine\\tvalue'}"), "'http-response'").size());
        assertEquals("'http-response' contains header name 'Bad Name' with invalid value (expected: an HTTP token "
                + "such as X-Name)", assertThrows(FieldException.class,
                () -> JsonFields.headers(json("{'Bad Name':'x'}"), "'http-response'")).getMessage());
        assertEquals("response contains header 'X-Split' with invalid value (expected: no CR, LF or other control "
                + "characters)", assertThrows(FieldException.class,
                () -> JsonFields.headers(json("[['X-Split','a\\r\\nSet-Cookie: x']]"), "response")).getMessage());
        assertThrows(FieldException.class, () -> JsonFields.headers(json("{'':'x'}"), "response"));
        assertThrows(FieldException.class, () -> JsonFields.checkReason("OK\nX: y", "response"));
    }

    @Test
    void optionalStringSetToNullCountsAsAbsent() throws Exception {
        assertNull(JsonFields.string(json("{'id':null}"), "item", "id", false));
        assertEquals("item contains 'id' with wrong type",
                assertThrows(FieldException.class, () -> JsonFields.string(json("{'id':null}"), "item", "id", true))
                        .getMessage());
    }

    @Test
    void base64SkipsForeignCharsAndStopsAtPadding() {
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), JsonFields.decodeBase64("aGVs bG8=ignored"));
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, JsonFields.decodeBase64("-_8"));
        assertArrayEquals(new byte[0], JsonFields.decodeBase64("!!"));
    }

    @Test
    void onlyObjectAndArrayDocumentsParse() {
        assertNull(JsonFields.parseDocument("5".getBytes(StandardCharsets.UTF_8)));
        assertNull(JsonFields.parseDocument("{} {}".getBytes(StandardCharsets.UTF_8)));
        assertNull(JsonFields.parseDocument("{a:1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, JsonFields.parseDocument("[1,2]".getBytes(StandardCharsets.UTF_8)).size());
    }
}
