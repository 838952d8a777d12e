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

    private static List<String> events(List<String> pieces) {
        List<String> out = new ArrayList<>();
        SseParser parser = new SseParser((b, off, len) -> out.add(new String(b, off, len, StandardCharsets.UTF_8)));
        Pieces.feed(pieces, buf -> parser.content(buf, buf.readerIndex(), buf.readableBytes()));
        return out;
    }
}
