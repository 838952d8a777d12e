package dev.tack.bench.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pushpinPostsTheItemsJsonToThePublishPath() throws Exception {
        PublishApi.Request r = PublishApi.PUSHPIN.request("/publish/", List.of("a", "b"), "W 0 1", null);
        assertEquals("/publish/", r.target());
        assertEquals("application/json", r.contentType());
        assertEquals(2, JSON.readTree(r.body()).get("items").size());
    }

    @Test
    void pushpinItemsCarryTheIdAndTheSseIdLine() throws Exception {
        PublishApi.Request r = PublishApi.PUSHPIN.request("/publish/", List.of("c"), "B 7 1", "7");
        JsonNode item = JSON.readTree(r.body()).get("items").get(0);
        assertEquals("7", item.get("id").asText());
        assertEquals("id: 7\ndata: B 7 1\n\n", item.get("formats").get("http-stream").get("content").asText());
        assertEquals("B 7 1", item.get("formats").get("ws-message").get("content").asText());
    }

    @Test
    void nchanPostsTheRawPayloadToTheChannelsPath() {
        PublishApi.Request r = PublishApi.NCHAN.request("/pub/", List.of("bench-0"), "B 7 1 xxxx", "7");
        assertEquals("/pub/bench-0", r.target());
        assertEquals("text/plain", r.contentType());
        assertEquals("B 7 1 xxxx", r.body(), "Nchan numbers messages itself: no id in the body");
        assertEquals("/pub/c", PublishApi.NCHAN.request("/pub", List.of("c"), "x", null).target());
    }

    @Test
    void nchanTakesOneChannelPerRequest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PublishApi.NCHAN.request("/pub/", List.of("a", "b"), "x", null));
        assertEquals("channels per request: 2 (expected: at most 1 for nchan)", e.getMessage());
        assertEquals(3, PublishApi.NCHAN.batches(List.of("a", "b", "c")).size());
    }

    @Test
    void pushpinBatchesAHundredChannelsPerRequest() {
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            channels.add("c" + i);
        }
        List<List<String>> batches = PublishApi.PUSHPIN.batches(channels);
        assertEquals(List.of(100, 100, 50), batches.stream().map(List::size).toList());
    }

    @Test
    void unknownApiIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublishApi.parse("mercure"));
        assertEquals("publish API: 'mercure' (expected: pushpin or nchan)", e.getMessage());
        assertEquals(PublishApi.NCHAN, PublishApi.parse(" Nchan "));
    }
}
