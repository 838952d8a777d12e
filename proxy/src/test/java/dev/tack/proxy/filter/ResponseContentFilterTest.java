package dev.tack.proxy.filter;

import static dev.tack.proxy.filter.FilterTestSupport.bytes;
import static dev.tack.proxy.filter.FilterTestSupport.error;
import static dev.tack.proxy.filter.FilterTestSupport.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.grip.ChannelSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** build-id over a hold's response bodies, which arrive in pieces. */
class ResponseContentFilterTest {
    private static final List<ChannelSpec> BUILD_ID = List.of(ChannelSpec.of("a"),
            new ChannelSpec("events-x", "3", List.of("skip-users", "build-id")),
            new ChannelSpec("events-y", "4", List.of("build-id")));

    @Test
    void channelsWithoutBuildIdPassEverythingThrough() {
        ResponseContentFilter f = ResponseContentFilter.forChannels(
                List.of(new ChannelSpec("c", null, List.of("var-subst", "skip-self"))), Map.of());
        assertTrue(f.isPassThrough());
        assertEquals("100% %I", sent(f.update(bytes("100% %I"))));
        assertEquals("", sent(f.finish()));
    }

    @Test
    void buildIdRendersLiteralIdsAndPercentAcrossPieces() {
        ResponseContentFilter f = ResponseContentFilter.forChannels(BUILD_ID, Map.of("id_format", "%(events-x)s"));
        assertFalse(f.isPassThrough());
        StringBuilder out = new StringBuilder();
        for (String piece : new String[] {"id: x:3\ndata: 50%", "% off\n\nid: %(", "x:4)I\n\n"}) {
            out.append(sent(f.update(bytes(piece))));
        }
        out.append(sent(f.finish()));
        assertEquals("id: x:3\ndata: 50% off\n\nid: x:4\n\n", out.toString());
    }

    @Test
    void aBareIdHasNoDefaultHere() {
        ResponseContentFilter f = ResponseContentFilter.forChannels(BUILD_ID, Map.of("id_format", "%(events-x)s"));
        assertEquals("No ID specified and no default ID in context at position 5", error(f.update(bytes("id: %I"))));
    }

    @Test
    void missingIdFormatFailsOnTheFirstPieceOrAtTheEnd() {
        assertEquals("no sub meta 'id_format'",
                error(ResponseContentFilter.forChannels(BUILD_ID, Map.of()).update(bytes("x"))));
        assertEquals("no sub meta 'id_format'", error(ResponseContentFilter.forChannels(BUILD_ID, Map.of()).finish()));
    }

    @Test
    void anUnfinishedDirectiveFailsAtTheEnd() {
        ResponseContentFilter f = ResponseContentFilter.forChannels(BUILD_ID, Map.of("id_format", "x"));
        assertEquals("ok ", sent(f.update(bytes("ok %(abc"))));
        assertEquals("Unterminated field starting at position 1", error(f.finish()));
    }
}
