package dev.tack.proxy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.proxy.delivery.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What travels on the bus and under which name. */
class BusTest {

    private final BusNames names = new BusNames("tack");

    @Test
    void anItemComesBackEqual() {
        PublishItem item = PublishItem.of("news", HttpStreamFormat.of("data: hi\n\n"), WsMessageFormat.text("hi"))
                .withId("2").withPrevId("1").withMeta(Map.of("sender", "alice"));
        byte[] message = BusCodec.encode(item, "box1-7");
        assertEquals("tack1 item from=box1-7\n{\"items\":[", new String(message, 0, 33, StandardCharsets.UTF_8));
        assertEquals(new BusMessage.Item(item, "box1-7"), BusCodec.decode(message));
    }

    @Test
    void anItemStoredInItsStreamCarriesItsPosition() {
        PublishItem item = PublishItem.of("news", HttpStreamFormat.of("data: hi\n\n")).withId("2");
        byte[] body = BusCodec.body(item);
        byte[] header = (BusCodec.itemHeader("box1-7") + " offset=42 epoch=k3x9qa7\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[header.length + body.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(body, 0, message, header.length, body.length);
        assertEquals(new BusMessage.Item(item, "box1-7", new StreamPosition("k3x9qa7", 42)), BusCodec.decode(message));
        assertThrows(IllegalArgumentException.class, () -> BusCodec.decode(
                ("tack1 item from=a offset=x epoch=e\n" + new String(body, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void historyKeepsOnlyTheFormatsThatSend() {
        PublishItem sends = PublishItem.of("news", HttpStreamFormat.of("x"), WsMessageFormat.text("x"));
        assertSame(sends, StreamItems.storable(sends));
        PublishItem mixed = PublishItem.of("news", HttpStreamFormat.close(), WsMessageFormat.text("x")).withId("7");
        assertEquals(PublishItem.of("news", WsMessageFormat.text("x")).withId("7"), StreamItems.storable(mixed));
        assertNull(StreamItems.storable(PublishItem.of("news", HttpStreamFormat.close(),
                WsMessageFormat.close(1000, "bye"))));
    }

    @Test
    void commandsComeBackEqual() {
        for (NodeCommand command : new NodeCommand[] {new NodeCommand.Recover(), new NodeCommand.Refresh("c", null),
                new NodeCommand.Refresh(null, "cid-1"), new NodeCommand.Close("cid-2")}) {
            assertEquals(new BusMessage.Command(command, "n"), BusCodec.decode(BusCodec.encode(command, "n")));
        }
    }

    @Test
    void headerWordsANodeDoesNotKnowAreIgnored() {
        byte[] message = "tack1 command from=n offset=7 epoch=x\n{\"command\":\"recover\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(new BusMessage.Command(new NodeCommand.Recover(), "n"), BusCodec.decode(message));
    }

    @Test
    void aForeignMessageIsRefusedWithTheReason() {
        assertEquals("header 'hello world' (expected: 'tack1 item|command ...')", assertThrows(
                IllegalArgumentException.class, () -> BusCodec.decode("hello world\n{}".getBytes(StandardCharsets.UTF_8)))
                .getMessage());
        assertEquals("command 'reboot' (expected: recover, refresh or close)", assertThrows(
                IllegalArgumentException.class, () -> BusCodec.decode("tack1 command\n{\"command\":\"reboot\"}"
                        .getBytes(StandardCharsets.UTF_8))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BusCodec.decode("no newline".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void natsSubjectsKeepAChannelInOneTokenAndComeBack() {
        assertEquals("tack.ch.news", names.nats("news"));
        assertEquals("tack.ch.a%2Eb%20c%2A%3E%25", names.nats("a.b c*>%"));
        assertEquals("tack.ch.caf%C3%A9", names.nats("café"));
        for (String channel : new String[] {"news", "a.b c*>%", "café", "x%y"}) {
            assertEquals(channel, names.fromNats(names.nats(channel)));
        }
        assertEquals(null, names.fromNats("tack.control"));
        assertEquals("tack.ch.a.b c", names.redis("a.b c"));
        assertEquals("a.b c", names.fromRedis("tack.ch.a.b c"));
    }

    @Test
    void jumpHashSpreadsEvenlyAndMovesFewChannelsWhenAServerIsAdded() {
        int[] counts = new int[4];
        int moved = 0;
        for (int i = 0; i < 10_000; i++) {
            String channel = "channel-" + i;
            int four = JumpHash.bucket(channel, 4);
            counts[four]++;
            if (JumpHash.bucket(channel, 5) != four) {
                moved++;
            }
            assertEquals(four, JumpHash.bucket(channel, 4));
        }
        for (int count : counts) {
            assertEquals(2500, count, 250);
        }
        assertEquals(2000, moved, 250);
        Set<Integer> one = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            one.add(JumpHash.bucket("c" + i, 1));
        }
        assertEquals(Set.of(0), one);
    }
}
