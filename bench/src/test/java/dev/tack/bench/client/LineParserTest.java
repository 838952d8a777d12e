package dev.tack.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.bench.http.Pieces;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineParserTest {
    @Test
    void splitsLinesCutAnywhere() {
        String wire = "data: B 1 2\n\nB 3 4\r\n:\n\ndata:B 5 6\n";
        for (List<String> cut : Pieces.cuts(wire)) {
            assertEquals(List.of("B 1 2", "B 3 4", "B 5 6"), lines(cut), "cut " + cut);
        }
    }

    @Test
    void unfinishedLineWaits() {
        assertEquals(List.of(), lines(List.of("B 1 2")));
    }

    @Test
    void keepAliveLinesAreSkipped() {
        assertEquals(List.of(), lines(List.of("\n\n:\n: ping\n")));
    }

    private static List<String> lines(List<String> pieces) {
        List<String> out = new ArrayList<>();
        LineParser parser = new LineParser((b, off, len) -> out.add(new String(b, off, len, StandardCharsets.UTF_8)));
        Pieces.feed(pieces, buf -> parser.content(buf, buf.readerIndex(), buf.readableBytes()));
        return out;
    }
}
