package dev.tack.api.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WsEventTest {

    @Test
    void closeWithoutCodeHasNoCodeAndNoReason() {
        WsEvent close = WsEvent.closeWithoutCode();
        assertEquals(-1, close.closeCode());
        assertEquals("", close.closeReason());
        assertNull(close.content());
    }

    @Test
    void closeCodeZeroIsKeptAsJsGripSendsIt() {
        assertEquals(0, WsEvent.close(0, null).closeCode());
    }

    @Test
    void closeCodeOutOfRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WsEvent.close(70000, ""));
        assertEquals("close code: 70000 (expected: 0-65535)", e.getMessage());
    }

    @Test
    void closeWithOneContentByteHasNoCode() {
        assertEquals(-1, new WsEvent(WsEventType.CLOSE, new byte[] {3}).closeCode());
    }

    @Test
    void closeCodeOfOtherTypesIsMinusOne() {
        assertEquals(-1, WsEvent.text("ab").closeCode());
    }

    @Test
    void textDecodesUtf8AndIsEmptyWithoutContent() {
        assertEquals("héllo", new WsEvent(WsEventType.TEXT, "héllo".getBytes(StandardCharsets.UTF_8)).text());
        assertEquals("", new WsEvent(WsEventType.TEXT, null).text());
    }

    @Test
    void equalityComparesContentBytes() {
        assertEquals(WsEvent.text("a"), WsEvent.text("a"));
        assertEquals(WsEvent.text("a").hashCode(), WsEvent.text("a").hashCode());
        assertNotEquals(WsEvent.text(""), new WsEvent(WsEventType.TEXT, null));
        assertNotEquals(WsEvent.text("a"), WsEvent.binary(new byte[] {'a'}));
    }

    @Test
    void toStringShowsTypeAndPreview() {
        assertEquals("WsEvent[TEXT 2 \"hi\"]", WsEvent.text("hi").toString());
        assertEquals("WsEvent[CLOSE 1000 \"bye\"]", WsEvent.close(1000, "bye").toString());
        assertEquals("WsEvent[OPEN]", WsEvent.open().toString());
    }
}
