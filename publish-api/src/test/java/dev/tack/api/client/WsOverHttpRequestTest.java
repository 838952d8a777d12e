package dev.tack.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WsOverHttpRequestTest {
    private static final List<Header> HEADERS = List.of(
            new Header("Content-Type", "application/websocket-events"),
            new Header("Accept", "application/websocket-events"),
            new Header("connection-id", "cid-1"),
            new Header("Meta-User", "alice"),
            new Header("meta-room", "lobby"));

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsConnectionIdMetaAndEvents() throws Exception {
        WsOverHttpRequest request = WsOverHttpRequest.parse(HEADERS, body("TEXT 5\r\nhello\r\n"));
        assertEquals("cid-1", request.connectionId());
        assertEquals(Optional.of("alice"), request.meta("user"));
        assertEquals(Optional.of("lobby"), request.meta("Room"));
        assertEquals(Map.of("user", "alice", "room", "lobby"), request.meta());
        assertEquals(List.of(WsEvent.text("hello")), request.events());
        assertEquals(List.of(WsEvent.text("hello")), request.messages());
        assertFalse(request.isOpening());
    }

    @Test
    void openingRequestStartsWithOpen() throws Exception {
        assertTrue(WsOverHttpRequest.parse(HEADERS, body("OPEN\r\n")).isOpening());
    }

    @Test
    void emptyBodyIsAKeepAlivePoll() throws Exception {
        WsOverHttpRequest request = WsOverHttpRequest.parse(HEADERS, new byte[0]);
        assertEquals(List.of(), request.events());
        assertFalse(request.isOpening());
    }

    @Test
    void closeAndDisconnectAreReported() throws Exception {
        WsOverHttpRequest request = WsOverHttpRequest.parse(HEADERS, body("CLOSE 2\r\n\u0003\u00e8\r\nDISCONNECT\r\n"));
        assertEquals(1000, request.closeEvent().orElseThrow().closeCode());
        assertTrue(request.isDisconnected());
    }

    @Test
    void missingConnectionIdIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WsOverHttpRequest.parse(List.of(), new byte[0]));
        assertTrue(e.getMessage().startsWith("Connection-Id header is missing"), e.getMessage());
    }

    @Test
    void badBodyIsRejected() {
        assertThrows(WsEventFormatException.class, () -> WsOverHttpRequest.parse(HEADERS, body("TEXT 9\r\nhi\r\n")));
    }

    @Test
    void parsesMapHeaders() throws Exception {
        WsOverHttpRequest request = WsOverHttpRequest.parse(
                Map.of("Connection-id", List.of("cid-2"), "Meta-user", List.of("bob")), body("OPEN\r\n"));
        assertEquals("cid-2", request.connectionId());
        assertEquals(Optional.of("bob"), request.meta("User"));
        assertEquals(Optional.of("cid-2"), request.header("CONNECTION-ID"));
    }

    @Test
    void detectsWsOverHttpLikeTheGripLibraries() {
        assertTrue(WsOverHttpRequest.isWsOverHttp("POST", HEADERS));
        assertTrue(WsOverHttpRequest.isWsOverHttp("POST", List.of(
                new Header("Content-Type", "application/websocket-events; charset=utf-8"),
                new Header("Accept", "text/html, */*;q=0.1"))));
        assertFalse(WsOverHttpRequest.isWsOverHttp("GET", HEADERS));
        assertFalse(WsOverHttpRequest.isWsOverHttp("POST", List.of(
                new Header("Content-Type", "application/websocket-events"))));
        assertFalse(WsOverHttpRequest.isWsOverHttp("POST", List.of(
                new Header("Content-Type", "application/json"), new Header("Accept", "*/*"))));
    }
}
