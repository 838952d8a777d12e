package dev.tack.bench.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PayloadTest {
    @Test
    void textIsPaddedToTheRequestedSize() {
        String text = new Payload(Payload.Kind.MESSAGE, 42, 1767225600123456L).text(64);
        assertEquals(64, text.length());
        assertTrue(text.startsWith("B 42 1767225600123456 x"));
    }

    @Test
    void textIsNeverCutBelowItsFields() {
        assertEquals("W 3 17", new Payload(Payload.Kind.PROBE, 3, 17).text(1));
    }

    @Test
    void parseReadsBackWhatTextWrote() {
        Payload p = new Payload(Payload.Kind.MESSAGE, 123456, 1767225600123456L);
        assertEquals(p, Payload.parse(p.text(200)));
        assertEquals(new Payload(Payload.Kind.PROBE, 0, 5), Payload.parse("W 0 5"));
    }

    @Test
    void parseReturnsNullForOtherText() {
        assertNull(Payload.parse(":"));
        assertNull(Payload.parse("hello world"));
        assertNull(Payload.parse("B x 12"));
        assertNull(Payload.parse("B 12"));
        assertNull(Payload.parse("B 12 "));
        assertNull(Payload.parse("B 1 99999999999999999999"));
    }

    @Test
    void negativeSequenceIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Payload(Payload.Kind.MESSAGE, -1, 0));
        assertEquals("seq: -1 (expected: >= 0)", e.getMessage());
    }

    @Test
    void clockMovesForward() {
        MicroClock clock = new MicroClock();
        long a = clock.nowMicros();
        long b = clock.nowMicros();
        assertTrue(b >= a);
        assertTrue(a > 1_600_000_000_000_000L, "epoch microseconds, got " + a);
    }
}
