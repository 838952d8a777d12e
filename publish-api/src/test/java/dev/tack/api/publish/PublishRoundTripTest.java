package dev.tack.api.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** encodeRequest writes what decodeRequest (and Pushpin) reads back to equal items. */
class PublishRoundTripTest {

    static List<PublishItem> roundTrip(PublishItem... items) throws PublishFormatException {
        return PublishJson.decodeRequest(PublishJson.encodeRequest(List.of(items)));
    }

    @Test
    void itemWithEveryFieldRoundTrips() throws Exception {
        PublishItem item = PublishItem.of("news",
                        HttpResponseFormat.of(404, List.of(new Header("Content-Type", "text/plain"),
                                new Header("X-A", "1"), new Header("X-A", "2")), "gone\n".getBytes(StandardCharsets.UTF_8)),
                        HttpStreamFormat.of("data: hi\n\n"),
                        WsMessageFormat.text("hi"))
                .withId("2").withPrevId("1").withMeta(Map.of("sender", "alice")).withNoSeq(true);
        assertEquals(List.of(item), roundTrip(item));
    }

    @Test
    void bytesThatAreNotUtf8GoAsBase64() throws Exception {
        byte[] raw = {(byte) 0xff, 0, (byte) 0xc3};
        PublishItem item = PublishItem.of("c", HttpStreamFormat.of(raw), WsMessageFormat.binary(raw),
                HttpResponseFormat.of(200, List.of(), raw));
        assertEquals(List.of(item), roundTrip(item));
        String json = new String(PublishJson.encodeRequest(List.of(item)), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"content-bin\":\"/wDD\""), json);
    }

    @Test
    void textMessageWithInvalidUtf8KeepsItsType() throws Exception {
        WsMessageFormat f = new WsMessageFormat(Action.SEND, WsMessageType.TEXT, new byte[] {(byte) 0xff}, null, null);
        assertEquals(f, roundTrip(PublishItem.of("c", f)).get(0).wsMessage());
    }

    @Test
    void actionsRoundTrip() throws Exception {
        PublishItem item = PublishItem.of("c", HttpResponseFormat.of(Action.HINT), HttpStreamFormat.close(),
                WsMessageFormat.close(4001, "bye"));
        assertEquals(List.of(item), roundTrip(item));
        PublishItem ping = PublishItem.of("c",
                new WsMessageFormat(Action.SEND, WsMessageType.PING, new byte[0], null, null));
        assertEquals(List.of(ping), roundTrip(ping));
    }

    @Test
    void contentFiltersRoundTrip() throws Exception {
        List<String> filters = List.of("build-id");
        PublishItem item = PublishItem.of("c", HttpStreamFormat.of("id: %I\n").withContentFilters(filters),
                WsMessageFormat.text("%I").withContentFilters(List.of()),
                HttpResponseFormat.of("x").withContentFilters(filters));
        assertEquals(List.of(item), roundTrip(item));
    }

    @Test
    void bodyPatchRoundTrips() throws Exception {
        PublishItem item = PublishItem.of("c", HttpResponseFormat.patch(
                new ObjectMapper().readTree("[{\"op\":\"replace\",\"path\":\"/n\",\"value\":2}]")));
        assertEquals(List.of(item), roundTrip(item));
    }

    @Test
    void nonAsciiTextRoundTrips() throws Exception {
        PublishItem item = PublishItem.of("café", HttpResponseFormat.of(200,
                        List.of(new Header("X-Name", HeaderValues.toWire("Zoë"))),
                        "naïve".getBytes(StandardCharsets.UTF_8)))
                .withMeta(Map.of("user", "jürgen"));
        assertEquals(List.of(item), roundTrip(item));
    }

    @Test
    void encodedItemIsWhatJsGripSends() throws Exception {
        PublishItem item = PublishItem.of("ch", HttpStreamFormat.of("hello\n")).withId("id1").withPrevId("id0");
        assertEquals(new ObjectMapper().readTree("{\"items\":[{\"channel\":\"ch\",\"id\":\"id1\",\"prev-id\":\"id0\","
                        + "\"formats\":{\"http-stream\":{\"content\":\"hello\\n\"}}}]}"),
                new ObjectMapper().readTree(PublishJson.encodeRequest(List.of(item))));
    }
}
