package dev.tack.bench.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tack.bench.http.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WsEventsTest {
    @Test
    void readsTheTypesAndSkipsContent() {
        assertEquals(List.of("OPEN", "TEXT", "PING", "CLOSE"),
                types("OPEN\r\nTEXT 5\r\nhello\r\nPING\r\nCLOSE 2\r\n\u0003\u00e8\r\n"));
    }

    @Test
    void emptyBodyHasNoEvents() {
        assertEquals(List.of(), types(""));
    }

    @Test
    void lineWithoutCrlfIsRejected() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> types("OPEN"));
        assertEquals("event line 'OPEN' without CRLF (expected: TYPE [hexlen]\\r\\n)", e.getMessage());
    }

    @Test
    void nonHexLengthIsRejected() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> types("TEXT zz\r\n"));
        assertEquals("event length 'zz' (expected: hexadecimal)", e.getMessage());
    }

    @Test
    void openAndSubscribeCarriesTheControlMessageWithItsHexLength() {
        String body = WsEvents.openAndSubscribe("bench-0");
        assertEquals("OPEN\r\nTEXT 2a\r\nc:{\"type\":\"subscribe\",\"channel\":\"bench-0\"}\r\n", body);
        assertEquals(0x2a, "c:{\"type\":\"subscribe\",\"channel\":\"bench-0\"}".length());
        assertEquals(List.of("OPEN", "TEXT"), types(body));
    }

    private static List<String> types(String body) {
        return WsEvents.types(body.getBytes(StandardCharsets.ISO_8859_1));
    }
}
