package dev.tack.bench.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void itemCarriesThePayloadInEveryFormat() throws Exception {
        JsonNode item = JSON.readTree(PublishBody.item("bench-0", "B 7 1767225600123456")).get("items").get(0);
        assertEquals("bench-0", item.get("channel").asText());
        JsonNode formats = item.get("formats");
        assertEquals("data: B 7 1767225600123456\n\n", formats.get("http-stream").get("content").asText());
        assertEquals("B 7 1767225600123456", formats.get("ws-message").get("content").asText());
        assertEquals("B 7 1767225600123456\n", formats.get("http-response").get("body").asText());
    }

    @Test
    void oneItemPerChannel() throws Exception {
        JsonNode items = JSON.readTree(PublishBody.items(List.of("a", "b", "c"), "W 0 1")).get("items");
        assertEquals(3, items.size());
        assertEquals("c", items.get(2).get("channel").asText());
    }

    @Test
    void stringsAreEscaped() throws Exception {
        StringBuilder sb = new StringBuilder();
        PublishBody.appendString(sb, "q\"b\\t\tc\u0001");
        assertEquals("q\"b\\t\tc\u0001", JSON.readTree(sb.toString()).asText());
        assertEquals("\"q\\\"b\\\\t\\tc\\u0001\"", sb.toString());
    }
}
