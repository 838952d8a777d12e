package dev.tack.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.bench.http.Pieces;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
    @Test
    void dispatchesEventsCutAnywhere() {
        String wire = ":\n\nevent: message\r\ndata: B 1 2\r\n\r\ndata: B 3 4\rdata:second line\r\rid: 7\n\n";
        for (List<String> cut : Pieces.cuts(wire)) {
            assertEquals(List.of("B 1 2", "B 3 4\nsecond line"), events(cut), "cut " + cut);
        }
    }

    @Test
    void commentsAreNotEvents() {
        assertEquals(List.of(), events(List.of(":\n\n: keep-alive\n\n")));
    }

    @Test
    void blockWithoutDataIsNotDispatched() {
        assertEquals(List.of("x"), events(List.of("event: ping\nid: 1\n\ndata: x\n\n")));
    }

    @Test
    void dataWithoutColonIsAnEmptyLine() {
        assertEquals(List.of("\nb"), events(List.of("data\ndata: b\n\n")));
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDropped() {
        assertEquals(List.of(" two spaces", "none"), events(List.of("data:  two spaces\n\ndata:none\n\n")));
    }

    @Test
    void eventWithoutTerminatingBlankLineWaits() {
        assertEquals(List.of(), events(List.of("data: pending\n")));
    }

    @Test
    void longEventsGrowTheBuffers() {
        String big = "x".repeat(5000);
        assertEquals(List.of(big), events(List.of("data: " + big + "\n\n")));
    }

    @Test
    void lastEventIdIsTheIdOfTheLastDispatchedEvent() {
        SseParser parser = new SseParser((b, off, len) -> { });
        feed(parser, "id: 41\ndata: B 41 1\n\n");
        assertEquals("41", parser.lastEventId());
        feed(parser, "id: 1796519863:1\ndata: B 42 1\n");
        assertEquals("41", parser.lastEventId(), "an id counts once its event is dispatched");
        feed(parser, "\n:\n\n");
        assertEquals("1796519863:1", parser.lastEventId(), "a keep-alive comment keeps it");
    }

    @Test
    void eventsWithoutIdKeepTheLastOne() {
        SseParser parser = new SseParser((b, off, len) -> { });
        feed(parser, "id: 7\ndata: a\n\ndata: W 0 1\n\n");
        assertEquals("7", parser.lastEventId());
    }

    @Test
    void noIdMeansNoLastEventId() {
        SseParser parser = new SseParser((b, off, len) -> { });
        feed(parser, "data: a\n\n");
        assertEquals(null, parser.lastEventId());
    }

    private static void feed(SseParser parser, String text) {
        Pieces.feed(List.of(text), buf -> parser.content(buf, buf.readerIndex(), buf.readableBytes()));
    }

    private static List<String> events(List<String> pieces) {
        List<String> out = new ArrayList<>();
        SseParser parser = new SseParser((b, off, len) -> out.add(new String(b, off, len, StandardCharsets.UTF_8)));
        Pieces.feed(pieces, buf -> parser.content(buf, buf.readerIndex(), buf.readableBytes()));
        return out;
    }
}
