package dev.tack.api.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.grip.KeepAliveMode;
import dev.tack.api.publish.WsMessageType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WsControlCodecTest {

    private static WsControlMessage parsed(String json) {
        WsControlResult result = WsControlCodec.parse(json);
        assertInstanceOf(WsControlResult.Parsed.class, result, () -> json + " -> " + result);
        return ((WsControlResult.Parsed) result).value();
    }

    private static String ignoredReason(String json) {
        WsControlResult result = WsControlCodec.parse(json);
        assertInstanceOf(WsControlResult.Ignored.class, result, () -> json + " -> " + result);
        assertEquals(Optional.empty(), WsControlCodec.decode(json));
        return ((WsControlResult.Ignored) result).reason();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void subscribeWithChannel() {
        assertEquals(new WsControlMessage.Subscribe("mychannel", List.of()),
                parsed("{\"type\": \"subscribe\", \"channel\": \"mychannel\"}"));
    }

    @Test
    void subscribeWithFilters() {
        assertEquals(new WsControlMessage.Subscribe("c", List.of("skip-self", "build-id")),
                parsed("{\"type\":\"subscribe\",\"channel\":\"c\",\"filters\":[\"skip-self\",\"build-id\"]}"));
    }

    @Test
    void subscribeWithMoreThanFiveFiltersParsesButReportsTooMany() {
        WsControlMessage.Subscribe s = (WsControlMessage.Subscribe) parsed(
                "{\"type\":\"subscribe\",\"channel\":\"c\",\"filters\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}");
        assertTrue(s.tooManyFilters());
        assertFalse(new WsControlMessage.Subscribe("c", List.of("a", "b", "c", "d", "e")).tooManyFilters());
    }

    @Test
    void subscribeWithoutChannelIsIgnored() {
        assertEquals("subscribe: 'channel' is missing (expected: a non-empty string)",
                ignoredReason("{\"type\":\"subscribe\"}"));
        assertEquals("subscribe: 'channel' is empty (expected: a non-empty string)",
                ignoredReason("{\"type\":\"subscribe\",\"channel\":\"\"}"));
        assertEquals("subscribe: 'channel' is 5 (expected: a string)",
                ignoredReason("{\"type\":\"subscribe\",\"channel\":5}"));
    }

    @Test
    void subscribeWithBadFiltersIsIgnored() {
        assertEquals("subscribe: 'filters' is \"skip-self\" (expected: a list of strings)",
                ignoredReason("{\"type\":\"subscribe\",\"channel\":\"c\",\"filters\":\"skip-self\"}"));
        assertEquals("subscribe: 'filters' contains 1 (expected: strings only)",
                ignoredReason("{\"type\":\"subscribe\",\"channel\":\"c\",\"filters\":[\"a\",1]}"));
    }

    @Test
    void unsubscribeNeedsChannel() {
        assertEquals(new WsControlMessage.Unsubscribe("c"), parsed("{\"type\":\"unsubscribe\",\"channel\":\"c\"}"));
        ignoredReason("{\"type\":\"unsubscribe\"}");
    }

    @Test
    void detachAndFlushDelayedHaveNoFields() {
        assertEquals(new WsControlMessage.Detach(), parsed("{\"type\":\"detach\"}"));
        assertEquals(new WsControlMessage.FlushDelayed(), parsed("{\"type\":\"flush-delayed\",\"extra\":1}"));
    }

    @Test
    void sessionIdIsOptionalAndEmptyClears() {
        assertEquals(new WsControlMessage.Session("s1"), parsed("{\"type\":\"session\",\"id\":\"s1\"}"));
        assertEquals(new WsControlMessage.Session(""), parsed("{\"type\":\"session\"}"));
    }

    @Test
    void setMetaNeedsNameAndMissingValueDeletes() {
        assertEquals(new WsControlMessage.SetMeta("user", "alice"),
                parsed("{\"type\":\"set-meta\",\"name\":\"user\",\"value\":\"alice\"}"));
        assertEquals(new WsControlMessage.SetMeta("user", null), parsed("{\"type\":\"set-meta\",\"name\":\"user\"}"));
        assertEquals(new WsControlMessage.SetMeta("user", null),
                parsed("{\"type\":\"set-meta\",\"name\":\"user\",\"value\":null}"));
        assertEquals("set-meta: 'name' is empty (expected: a non-empty string)",
                ignoredReason("{\"type\":\"set-meta\",\"name\":\"\"}"));
    }

    @Test
    void setMetaSetsOrDeletesOneKey() {
        Map<String, String> meta = new WsControlMessage.SetMeta("user", "alice").applyTo(Map.of("room", "1"));
        assertEquals(Map.of("room", "1", "user", "alice"), meta);
        assertEquals(Map.of("room", "1", "user", "bob"), new WsControlMessage.SetMeta("user", "bob").applyTo(meta));
        assertEquals(Map.of("room", "1"), new WsControlMessage.SetMeta("user", null).applyTo(meta));
    }

    @Test
    void keepAliveDefaultsToTextIdleAnd55Seconds() {
        assertEquals(new WsControlMessage.KeepAlive(utf8("{}"), WsMessageType.TEXT, 55, KeepAliveMode.IDLE),
                parsed("{\"type\":\"keep-alive\",\"content\":\"{}\"}"));
    }

    @Test
    void keepAliveWithTimeoutTypeAndIntervalMode() {
        assertEquals(new WsControlMessage.KeepAlive(utf8("ka"), WsMessageType.PING, 30, KeepAliveMode.INTERVAL),
                parsed("{\"type\":\"keep-alive\",\"content\":\"ka\",\"message-type\":\"ping\","
                        + "\"timeout\":30,\"mode\":\"interval\"}"));
    }

    @Test
    void keepAliveUnknownModeMeansIdle() {
        WsControlMessage.KeepAlive k = (WsControlMessage.KeepAlive) parsed(
                "{\"type\":\"keep-alive\",\"content\":\"ka\",\"mode\":\"sometimes\"}");
        assertEquals(KeepAliveMode.IDLE, k.mode());
    }

    @Test
    void keepAliveZeroTimeoutMeansDefault() {
        WsControlMessage.KeepAlive k = (WsControlMessage.KeepAlive) parsed(
                "{\"type\":\"keep-alive\",\"content\":\"ka\",\"timeout\":0}");
        assertEquals(55, k.timeoutSeconds());
    }

    @Test
    void keepAliveNegativeOrNonNumericTimeoutIsIgnored() {
        assertEquals("keep-alive: 'timeout' is -1 (expected: seconds >= 0)",
                ignoredReason("{\"type\":\"keep-alive\",\"content\":\"ka\",\"timeout\":-1}"));
        assertEquals("keep-alive: 'timeout' is \"30\" (expected: seconds as a number)",
                ignoredReason("{\"type\":\"keep-alive\",\"content\":\"ka\",\"timeout\":\"30\"}"));
    }

    @Test
    void keepAliveWithoutContentSwitchesOff() {
        WsControlMessage.KeepAlive k = (WsControlMessage.KeepAlive) parsed("{\"type\":\"keep-alive\",\"timeout\":-5}");
        assertTrue(k.isOff());
        assertEquals(WsControlMessage.KeepAlive.off(), k);
    }

    @Test
    void contentBinIsBase64AndWithoutMessageTypeIsTextAsInPushpin() {
        WsControlMessage.KeepAlive k = (WsControlMessage.KeepAlive) parsed(
                "{\"type\":\"keep-alive\",\"content-bin\":\"AAEC\"}");
        assertArrayEquals(new byte[] {0, 1, 2}, k.content());
        assertEquals(WsMessageType.TEXT, k.messageType());
    }

    @Test
    void contentBinWinsOverContent() {
        WsControlMessage.KeepAlive k = (WsControlMessage.KeepAlive) parsed(
                "{\"type\":\"keep-alive\",\"content-bin\":\"AAEC\",\"content\":\"x\",\"message-type\":\"binary\"}");
        assertArrayEquals(new byte[] {0, 1, 2}, k.content());
        assertEquals(WsMessageType.BINARY, k.messageType());
    }

    @Test
    void invalidBase64AndUnknownMessageTypeAreIgnored() {
        assertTrue(ignoredReason("{\"type\":\"keep-alive\",\"content-bin\":\"***\"}")
                .startsWith("keep-alive: 'content-bin' is not base64"));
        assertEquals("keep-alive: 'message-type' is \"close\" (expected: text, binary, ping or pong)",
                ignoredReason("{\"type\":\"keep-alive\",\"content\":\"x\",\"message-type\":\"close\"}"));
    }

    @Test
    void sendDelayedDefaultsToOneSecond() {
        assertEquals(new WsControlMessage.SendDelayed(utf8("bye"), WsMessageType.TEXT, 1),
                parsed("{\"type\":\"send-delayed\",\"content\":\"bye\"}"));
        assertEquals(new WsControlMessage.SendDelayed(utf8("bye"), WsMessageType.TEXT, 7),
                parsed("{\"type\":\"send-delayed\",\"content\":\"bye\",\"timeout\":7}"));
    }

    @Test
    void sendDelayedWithoutContentSendsEmptyMessage() {
        WsControlMessage.SendDelayed s = (WsControlMessage.SendDelayed) parsed("{\"type\":\"send-delayed\"}");
        assertEquals(0, s.content().length);
    }

    @Test
    void invalidJsonAndNonObjectsAreIgnored() {
        assertTrue(ignoredReason("{\"type\":").startsWith("not valid JSON"));
        assertEquals("not a JSON object (expected: {\"type\": ...})", ignoredReason("[\"subscribe\"]"));
        assertEquals("not a JSON object (expected: {\"type\": ...})", ignoredReason(""));
        assertTrue(ignoredReason("{\"type\":\"detach\"} x").startsWith("not valid JSON"));
    }

    @Test
    void missingOrNonStringTypeIsIgnored() {
        assertEquals("'type' is missing or not a string (expected: e.g. \"subscribe\")",
                ignoredReason("{\"channel\":\"c\"}"));
        ignoredReason("{\"type\":1}");
    }

    @Test
    void unknownTypeIsIgnored() {
        assertTrue(ignoredReason("{\"type\":\"close\"}").startsWith("close: unknown type (expected: subscribe,"));
        ignoredReason("{\"type\":\"Subscribe\",\"channel\":\"c\"}");
    }

    @Test
    void encodesEveryMessage() {
        assertEquals("{\"type\":\"subscribe\",\"channel\":\"room-x\"}",
                WsControlCodec.encode(new WsControlMessage.Subscribe("room-x")));
        assertEquals("{\"type\":\"subscribe\",\"channel\":\"c\",\"filters\":[\"skip-self\"]}",
                WsControlCodec.encode(new WsControlMessage.Subscribe("c", List.of("skip-self"))));
        assertEquals("{\"type\":\"unsubscribe\",\"channel\":\"c\"}",
                WsControlCodec.encode(new WsControlMessage.Unsubscribe("c")));
        assertEquals("{\"type\":\"detach\"}", WsControlCodec.encode(new WsControlMessage.Detach()));
        assertEquals("{\"type\":\"session\",\"id\":\"s\"}", WsControlCodec.encode(new WsControlMessage.Session("s")));
        assertEquals("{\"type\":\"set-meta\",\"name\":\"user\",\"value\":\"a\"}",
                WsControlCodec.encode(new WsControlMessage.SetMeta("user", "a")));
        assertEquals("{\"type\":\"set-meta\",\"name\":\"user\"}",
                WsControlCodec.encode(new WsControlMessage.SetMeta("user", null)));
        assertEquals("{\"type\":\"keep-alive\",\"content\":\"{}\",\"timeout\":30,\"mode\":\"idle\"}",
                WsControlCodec.encode(new WsControlMessage.KeepAlive(utf8("{}"), WsMessageType.TEXT, 30,
                        KeepAliveMode.IDLE)));
        assertEquals("{\"type\":\"keep-alive\"}", WsControlCodec.encode(WsControlMessage.KeepAlive.off()));
        assertEquals("{\"type\":\"send-delayed\",\"content\":\"bye\",\"timeout\":1}",
                WsControlCodec.encode(new WsControlMessage.SendDelayed(utf8("bye"), WsMessageType.TEXT, 1)));
        assertEquals("{\"type\":\"flush-delayed\"}", WsControlCodec.encode(new WsControlMessage.FlushDelayed()));
    }

    @Test
    void encodesBinaryContentAsContentBinWithExplicitType() {
        assertEquals("{\"type\":\"send-delayed\",\"content-bin\":\"AP8=\",\"message-type\":\"binary\",\"timeout\":2}",
                WsControlCodec.encode(new WsControlMessage.SendDelayed(new byte[] {0, (byte) 0xff},
                        WsMessageType.BINARY, 2)));
        assertEquals("{\"type\":\"keep-alive\",\"content-bin\":\"/w==\",\"message-type\":\"text\",\"timeout\":5,"
                        + "\"mode\":\"interval\"}",
                WsControlCodec.encode(new WsControlMessage.KeepAlive(new byte[] {(byte) 0xff}, WsMessageType.TEXT,
                        5, KeepAliveMode.INTERVAL)));
        assertEquals("{\"type\":\"keep-alive\",\"content\":\"ka\",\"message-type\":\"ping\",\"timeout\":5,"
                        + "\"mode\":\"idle\"}",
                WsControlCodec.encode(new WsControlMessage.KeepAlive(utf8("ka"), WsMessageType.PING, 5,
                        KeepAliveMode.IDLE)));
    }

    @Test
    void everyEncodedMessageDecodesToItself() {
        List<WsControlMessage> all = List.of(
                new WsControlMessage.Subscribe("c", List.of("skip-self")),
                new WsControlMessage.Unsubscribe("c"),
                new WsControlMessage.Detach(),
                new WsControlMessage.Session(""),
                new WsControlMessage.SetMeta("n", null),
                new WsControlMessage.KeepAlive(new byte[] {(byte) 0xc3}, WsMessageType.TEXT, 9, KeepAliveMode.INTERVAL),
                WsControlMessage.KeepAlive.off(),
                new WsControlMessage.SendDelayed(utf8("x"), WsMessageType.PONG, 3),
                new WsControlMessage.FlushDelayed());
        for (WsControlMessage m : all) {
            assertEquals(Optional.of(m), WsControlCodec.decode(WsControlCodec.encode(m)), m::toString);
        }
    }

    @Test
    void recordsRejectInvalidValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WsControlMessage.Subscribe(""));
        assertEquals("channel: \"\" (expected: a non-empty string)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new WsControlMessage.SendDelayed(utf8("x"), WsMessageType.TEXT, 0));
    }
}
