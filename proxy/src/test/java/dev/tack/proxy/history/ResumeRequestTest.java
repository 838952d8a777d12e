package dev.tack.proxy.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.delivery.StreamPosition;
import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.engine.StreamRead;
import org.junit.jupiter.api.Test;

/** Where a client's position comes from, and what it asks of each channel (docs/history.md). */
class ResumeRequestTest {

    private static ResumeRequest.Plan plan(String uri, String header, String channel) {
        return ResumeRequest.of(uri, header).plan(channel, 300);
    }

    private static ResumeRequest.Plan after(String value) {
        return new ResumeRequest.Plan(new StreamQuery.After(Tokens.parseToken(value), value), null);
    }

    @Test
    void lastEventIdHeaderWinsOverTheQuery() {
        assertEquals(after("7"), plan("/sse?last_event_id=3", "7", "news"));
    }

    @Test
    void queryParametersGiveAPosition() {
        assertEquals(after("3"), plan("/sse?last_event_id=3", null, "news"));
        assertEquals(after("4"), plan("/sse?lastEventId=4", null, "news"));
        assertEquals(after("5"), plan("/ws?recover=5", null, "news"));
        assertEquals(after("a b"), plan("/ws?recover=a%20b", null, "news"));
    }

    @Test
    void noPositionAsksNothing() {
        assertTrue(ResumeRequest.of("/sse", null).isNone());
        assertTrue(ResumeRequest.of("/sse?x=1&last_event_id=", "").isNone());
    }

    @Test
    void tokenIsAlsoTriedAsAPublisherId() {
        assertEquals(new ResumeRequest.Plan(new StreamQuery.After(new StreamPosition("ab", 3), "t1.ab.3"), null),
                plan("/sse", "t1.ab.3", "news"));
    }

    @Test
    void compositeGivesEachChannelItsOwn() {
        String id = "news:t1.ab.3,room%2D1:17";
        assertEquals(after("t1.ab.3"), plan("/sse", id, "news"));
        assertEquals(after("17"), plan("/sse", id, "room-1"));
        assertEquals(ResumeRequest.Plan.decided(StreamRead.Result.UNKNOWN_POSITION), plan("/sse", id, "other"));
    }

    @Test
    void oneBareValueAppliesToEveryChannel() {
        assertEquals(after("urn:uuid:1"), plan("/sse", "urn:uuid:1", "news"));
        assertEquals(after("17"), plan("/sse", "17", "other"));
    }

    @Test
    void rewindByCountOrTime() {
        assertEquals(new ResumeRequest.Plan(new StreamQuery.Last(5), null), plan("/ws?rewind=5", null, "news"));
        assertEquals(new ResumeRequest.Plan(new StreamQuery.Last(300), null), plan("/ws?rewind=100000", null, "news"));
        assertEquals(new ResumeRequest.Plan(new StreamQuery.Since(30_000), null), plan("/ws?rewind=30s", null, "news"));
        assertEquals(ResumeRequest.Plan.decided(StreamRead.Result.INVALID), plan("/ws?rewind=soon", null, "news"));
        assertEquals(ResumeRequest.Plan.decided(StreamRead.Result.INVALID), plan("/ws?rewind=-1", null, "news"));
    }

    @Test
    void positionsOverTheLimitAreRefused() {
        assertEquals(ResumeRequest.Plan.decided(StreamRead.Result.INVALID),
                plan("/sse", "x".repeat(ResumeRequest.MAX_POSITION_CHARS + 1), "news"));
    }
}
