package dev.tack.api.grip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatusReasonsTest {

    @Test
    void knownCodesHaveTheirStandardReason() {
        assertEquals("OK", StatusReasons.reasonFor(200));
        assertEquals("Not Found", StatusReasons.reasonFor(404));
        assertEquals("Request Entity Too Large", StatusReasons.reasonFor(413));
        assertEquals("Network Authentication Required", StatusReasons.reasonFor(511));
    }

    @Test
    void unknownCodeGetsPushpinsDefault() {
        assertEquals("Undefined Reason", StatusReasons.reasonFor(299));
        assertEquals("Undefined Reason", StatusReasons.reasonFor(0));
    }
}
