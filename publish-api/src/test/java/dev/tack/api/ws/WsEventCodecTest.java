package dev.tack.api.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WsEventCodecTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static List<WsEvent> decode(String body) throws WsEventFormatException {
        return WsEventCodec.decode(bytes(body));
    }

    @Test
    void encodesEveryEventType() {
        byte[] body = WsEventCodec.encode(List.of(
                WsEvent.open(),
                WsEvent.text("hello"),
                WsEvent.binary(new byte[] {1, 2, 3}),
                WsEvent.ping(bytes("p")),
                WsEvent.pong(bytes("q")),
                WsEvent.close(1000, ""),
                WsEvent.disconnect()));
        assertEquals("OPEN\r\nTEXT 5\r\nhello\r\nBINARY 3\r\n\u0001\u0002\u0003\r\nPING 1\r\np\r\nPONG 1\r\nq\r\n"
                + "CLOSE 2\r\n\u0003\u00e8\r\nDISCONNECT\r\n", string(body));
    }

    @Test
    void encodesLengthInLowercaseHex() {
        assertEquals("TEXT b\r\n[foo][hello\r\n", string(WsEventCodec.encode(List.of(WsEvent.text("[foo][hello")))));
        byte[] big = new byte[0x1a2];
        assertTrue(string(WsEventCodec.encode(List.of(WsEvent.binary(big)))).startsWith("BINARY 1a2\r\n"));
    }

    @Test
    void encodesEmptyContentWithZeroLengthAndNullContentBare() {
        assertEquals("TEXT 0\r\n\r\n", string(WsEventCodec.encode(List.of(WsEvent.text("")))));
        assertEquals("TEXT\r\n", string(WsEventCodec.encode(List.of(new WsEvent(WsEventType.TEXT, null)))));
    }

    @Test
    void encodesEmptyPingAndPongBare() {
        assertEquals("PING\r\nPONG\r\n",
                string(WsEventCodec.encode(List.of(WsEvent.ping(new byte[0]), WsEvent.pong(null)))));
    }

    @Test
    void encodesCloseWithCodeAndReasonAndWithoutCode() {
        assertEquals("CLOSE 5\r\n\u000f\u00a1bye\r\nCLOSE\r\n",
                string(WsEventCodec.encode(List.of(WsEvent.close(4001, "bye"), WsEvent.closeWithoutCode()))));
    }

    @Test
    void encodesNoEventsAsEmptyBody() {
        assertEquals(0, WsEventCodec.encode(List.of()).length);
    }

    @Test
    void decodesEveryEventType() throws Exception {
        List<WsEvent> events = decode("OPEN\r\nTEXT 5\r\nhello\r\nBINARY 2\r\n\u0000\u00ff\r\nPING\r\nPONG 1\r\nx\r\n"
                + "CLOSE 2\r\n\u0003\u00e8\r\nDISCONNECT\r\n");
        assertEquals(List.of(WsEvent.open(), WsEvent.text("hello"), WsEvent.binary(new byte[] {0, (byte) 0xff}),
                WsEvent.ping(null), WsEvent.pong(bytes("x")), WsEvent.close(1000, ""), WsEvent.disconnect()),
                events);
    }

    @Test
    void decodeRoundTripsEncode() throws Exception {
        List<WsEvent> events = List.of(WsEvent.open(), WsEvent.text("héllo \r\n wörld"), WsEvent.close(4001, "bye"));
        assertEquals(events, WsEventCodec.decode(WsEventCodec.encode(events)));
    }

    @Test
    void decodesEmptyBodyAsNoEvents() throws Exception {
        assertEquals(List.of(), WsEventCodec.decode(new byte[0]));
    }

    @Test
    void decodesUpperAndLowerCaseHexLengths() throws Exception {
        String content = "x".repeat(0xab);
        assertEquals(List.of(WsEvent.text(content), WsEvent.text(content)),
                decode("TEXT AB\r\n" + content + "\r\nTEXT ab\r\n" + content + "\r\n"));
    }

    @Test
    void decodesZeroLengthAsEmptyContentAndBareTypeAsNoContent() throws Exception {
        List<WsEvent> events = decode("TEXT 0\r\n\r\nTEXT\r\n");
        assertArrayEquals(new byte[0], events.get(0).content());
        assertEquals(null, events.get(1).content());
    }

    @Test
    void contentMayContainCrlf() throws Exception {
        assertEquals(List.of(WsEvent.text("a\r\nb")), decode("TEXT 4\r\na\r\nb\r\n"));
    }

    @Test
    void skipsUnknownEventTypesWithTheirContent() throws Exception {
        assertEquals(List.of(WsEvent.open(), WsEvent.text("hi")),
                decode("OPEN\r\nFOO 3\r\nabc\r\nBAR\r\nTEXT 2\r\nhi\r\n"));
    }

    @Test
    void typeNamesAreCaseSensitive() throws Exception {
        assertEquals(List.of(), decode("text 2\r\nhi\r\nOpen\r\n"));
    }

    @Test
    void typeLineWithoutCrlfIsInvalid() {
        WsEventFormatException e = assertThrows(WsEventFormatException.class, () -> decode("OPEN\r\nTEXT 5"));
        assertEquals("event line at offset 6 'TEXT 5' has no CRLF (expected: TYPE[ hexlen]\\r\\n)", e.getMessage());
        assertThrows(WsEventFormatException.class, () -> decode("OPEN\n"));
    }

    @Test
    void errorMessagesShowNonPrintableBytesEscaped() {
        WsEventFormatException e = assertThrows(WsEventFormatException.class, () -> decode("OPEN\r\n\u0000\u00ff"));
        assertEquals("event line at offset 6 '\\x00\\xff' has no CRLF (expected: TYPE[ hexlen]\\r\\n)", e.getMessage());
    }

    @Test
    void nonHexLengthIsInvalid() {
        WsEventFormatException e = assertThrows(WsEventFormatException.class, () -> decode("TEXT 5g\r\nhello\r\n"));
        assertEquals("TEXT at offset 0 has length '5g' (expected: hexadecimal content length)", e.getMessage());
        assertThrows(WsEventFormatException.class, () -> decode("TEXT \r\n\r\n"));
        assertThrows(WsEventFormatException.class, () -> decode("TEXT -1\r\n\r\n"));
        assertThrows(WsEventFormatException.class, () -> decode("TEXT 5 \r\nhello\r\n"));
        assertThrows(WsEventFormatException.class, () -> decode("TEXT 123456789\r\n"));
    }

    @Test
    void bodyShorterThanDeclaredLengthIsAnError() {
        // a reply whose Content-Length cut the body (Express answering sendStatus(204) with a body length it never
        // sends)
        WsEventFormatException e = assertThrows(WsEventFormatException.class,
                () -> decode("OPEN\r\nTEXT 10\r\nhello"));
        assertEquals("TEXT at offset 6 declares 16 content bytes (0x10) but only 5 remain", e.getMessage());
    }

    @Test
    void contentNotFollowedByCrlfIsAnError() {
        WsEventFormatException e = assertThrows(WsEventFormatException.class, () -> decode("TEXT 3\r\nhello\r\n"));
        assertEquals("TEXT at offset 0 has 3 content bytes not followed by CRLF "
                + "(expected: content\\r\\n; 4 bytes follow the content)", e.getMessage());
    }

    @Test
    void contentAtEndOfBodyWithoutCrlfIsAnError() {
        assertThrows(WsEventFormatException.class, () -> decode("TEXT 5\r\nhello"));
        assertThrows(WsEventFormatException.class, () -> decode("TEXT 5\r\nhello\r"));
    }

    @Test
    void closeCodeAndReasonAreDecodedBigEndian() throws Exception {
        WsEvent close = decode("CLOSE 5\r\n\u000f\u00a1bye\r\n").get(0);
        assertEquals(4001, close.closeCode());
        assertEquals("bye", close.closeReason());
    }
}
