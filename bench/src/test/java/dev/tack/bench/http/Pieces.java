package dev.tack.bench.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Feeds a text to a parser cut in every way the tests need. */
public final class Pieces {
    private Pieces() {
    }

    /** The ways to cut {@code text}: whole, byte by byte, and in two at every position. */
    public static List<List<String>> cuts(String text) {
        List<List<String>> cuts = new ArrayList<>();
        cuts.add(List.of(text));
        List<String> bytes = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            bytes.add(text.substring(i, i + 1));
        }
        cuts.add(bytes);
        for (int i = 1; i < text.length(); i++) {
            cuts.add(List.of(text.substring(0, i), text.substring(i)));
        }
        return cuts;
    }

    /** Hands each piece to {@code feed} as its own buffer, releasing it afterwards. */
    public static void feed(List<String> pieces, Consumer<ByteBuf> feed) {
        for (String p : pieces) {
            ByteBuf buf = Unpooled.copiedBuffer(p, StandardCharsets.ISO_8859_1);
            try {
                feed.accept(buf);
            } finally {
                buf.release();
            }
        }
    }
}
