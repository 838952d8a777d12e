package dev.tack.proxy.publish.zmq;

import static dev.tack.proxy.publish.zmq.ZmqTestbed.awaitBody;
import static dev.tack.proxy.publish.zmq.ZmqTestbed.bytes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.StreamClients.Stream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The PULL and SUB inputs over loopback TCP, publishing into a running Tack. */
class ZmqInputsTest {

    private static final String TNET_ITEM = "66:7:channel,4:news,7:formats,35:11:http-stream,16:7:content,3:hi\n,}}}";

    @Test
    void pullDeliversJsonItemAfterJ() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("news");
            ZMQ.Socket push = bed.connect(SocketType.PUSH, bed.endpoints().pull());
            push.send(bytes("J{\"channel\":\"news\",\"formats\":{\"http-stream\":{\"content\":\"hi\\n\"}}}"));
            awaitBody(stream, "hi\n");
        }
    }

    @Test
    void pullDeliversTnetstringItemAfterT() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("news");
            bed.connect(SocketType.PUSH, bed.endpoints().pull()).send(bytes("T" + TNET_ITEM));
            awaitBody(stream, "hi\n");
        }
    }

    @Test
    void pullDeliversBareTnetstringItem() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("news");
            bed.connect(SocketType.PUSH, bed.endpoints().pull()).send(bytes(TNET_ITEM));
            awaitBody(stream, "hi\n");
        }
    }

    @Test
    void pullDeliversItemsInTheOrderSent() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("news");
            ZMQ.Socket push = bed.connect(SocketType.PUSH, bed.endpoints().pull());
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                String line = "line " + i + "\n";
                expected.append(line);
                push.send(bytes("J{\"channel\":\"news\",\"formats\":{\"http-stream\":{\"content\":\""
                        + line.replace("\n", "\\n") + "\"}}}"));
            }
            awaitBody(stream, expected.toString());
        }
    }

    @Test
    void pullLogsBadItemWithReasonAndKeepsServing() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("news");
            ZMQ.Socket push = bed.connect(SocketType.PUSH, bed.endpoints().pull());
            push.send(bytes("J{\"formats\":{\"http-stream\":{\"content\":\"lost\\n\"}}}"));
            push.send(bytes("not a tnetstring"));
            push.send(bytes("J{\"channel\":\"news\",\"formats\":{\"http-stream\":{\"content\":\"kept\\n\"}}}"));
            awaitBody(stream, "kept\n");
            List<String> warnings = bed.warnings();
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith(
                    "zmq pull: item refused: publish item object does not contain 'channel' (message starts 'J{")),
                    warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith(
                    "zmq pull: item refused: invalid tnetstring: length at offset 0 starts with 'not a tnetst...'")),
                    warnings.toString());
        }
    }

    @Test
    void hugeNumbersAreRefusedAndEveryInputKeepsServing() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("news");
            ZMQ.Socket push = bed.connect(SocketType.PUSH, bed.endpoints().pull());
            ZMQ.Socket pub = bed.connect(SocketType.PUB, bed.endpoints().sub().get(0));
            // 1e400 reads as infinity in JSON and in a tnetstring float alike: no integer, and no crash either.
            push.send(bytes("J{\"channel\":\"news\",\"size\":1e400,\"formats\":{\"http-stream\":{\"content\":\"lost\\n\"}}}"));
            String tnetPayload = "7:channel,4:news,7:formats,35:11:http-stream,16:7:content,3:hi\n,}}4:size,5:1e400^";
            push.send(bytes("T" + tnetPayload.length() + ":" + tnetPayload + "}"));
            push.send(bytes("J{\"channel\":\"news\",\"formats\":{\"http-stream\":{\"content\":\"pull\\n\"}}}"));
            awaitBody(stream, "pull\n");
            await().atMost(ZmqTestbed.PATIENCE).until(() -> {
                pub.sendMore("news");
                pub.send(bytes("J{\"formats\":{\"http-stream\":{\"content\":\"sub\\n\"}}}"));
                return stream.body().contains("sub\n");
            });
            assertEquals("pull\nsub\n", stream.body().substring(0, 9));
            long refused = bed.warnings().stream().filter(w -> w.contains("contains 'size' with wrong type")).count();
            assertEquals(2, refused, bed.warnings().toString());
        }
    }

    @Test
    void pullSkipsMessageOfTwoParts() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("news");
            ZMQ.Socket push = bed.connect(SocketType.PUSH, bed.endpoints().pull());
            push.sendMore(bytes("news"));
            push.send(bytes(TNET_ITEM.replace("3:hi\n", "3:no\n")));
            push.send(bytes(TNET_ITEM));
            awaitBody(stream, "hi\n");
            assertTrue(bed.warnings().contains("zmq pull: message of 2 parts (expected: 1), skipping"));
        }
    }

    @Test
    void anXpubPublisherSeesAChannelsFirstListenerArriveAndItsLastLeave() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed(ZmqSettings.loopback(), 0)) {
            ZMQ.Socket xpub = bed.connect(SocketType.XPUB, bed.endpoints().sub().get(0));
            Stream first = bed.hold("news");
            assertArrayEquals(bytes("\u0001news"), xpub.recv());
            Stream second = bed.hold("news");
            xpub.sendMore(bytes("news"));
            xpub.send(bytes("J{\"formats\":{\"http-stream\":{\"content\":\"both\\n\"}}}"));
            awaitBody(first, "both\n");
            awaitBody(second, "both\n");
            first.close();
            await().atMost(ZmqTestbed.PATIENCE).until(() -> bed.tack().subscriptions() == 1);
            second.close();
            // Only the last listener leaving unsubscribes; nothing was said about any other channel.
            assertArrayEquals(bytes("\u0000news"), xpub.recv());
        }
    }

    @Test
    void aChannelWithoutListenersIsNeverSubscribed() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed(ZmqSettings.loopback(), 0)) {
            ZMQ.Socket xpub = bed.connect(SocketType.XPUB, bed.endpoints().sub().get(0));
            Stream sport = bed.hold("sport");
            assertArrayEquals(bytes("\u0001sport"), xpub.recv());
            // XPUB sends only where a subscription matches: the publisher's "news" goes nowhere.
            xpub.sendMore(bytes("news"));
            xpub.send(bytes(TNET_ITEM));
            xpub.sendMore(bytes("sport"));
            xpub.send(bytes(TNET_ITEM));
            awaitBody(sport, "hi\n");
            assertEquals(1, bed.tack().server().metrics().snapshot().published(), "items that reached Tack");
        }
    }

    @Test
    void subDeliversTwoPartMessageToTheTopicsChannel() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("sport");
            ZMQ.Socket xpub = bed.connect(SocketType.XPUB, bed.endpoints().sub().get(0));
            assertNotNull(xpub.recv(), "no subscription reached the XPUB publisher");
            // The item names channel "news"; the topic wins.
            xpub.sendMore(bytes("sport"));
            xpub.send(bytes(TNET_ITEM));
            awaitBody(stream, "hi\n");
        }
    }

    @Test
    void subAcceptsJsonItemWithoutChannel() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("sport");
            ZMQ.Socket xpub = bed.connect(SocketType.XPUB, bed.endpoints().sub().get(0));
            assertNotNull(xpub.recv(), "no subscription reached the XPUB publisher");
            xpub.sendMore(bytes("sport"));
            xpub.send(bytes("J{\"formats\":{\"http-stream\":{\"content\":\"goal\\n\"}}}"));
            awaitBody(stream, "goal\n");
        }
    }

    @Test
    void subConnectsToPublishersWhenConfiguredTo() throws Exception {
        try (ZContext client = new ZContext(1)) {
            ZMQ.Socket xpub = client.createSocket(SocketType.XPUB);
            xpub.setReceiveTimeOut((int) ZmqTestbed.PATIENCE.toMillis());
            xpub.bind("tcp://127.0.0.1:*");
            ZmqSettings connecting = new ZmqSettings("", List.of(xpub.getLastEndpoint()), true, "");
            try (ZmqTestbed bed = new ZmqTestbed(connecting)) {
                Stream stream = bed.hold("news");
                assertNotNull(xpub.recv(), "Tack's SUB socket did not connect and subscribe");
                xpub.sendMore(bytes("news"));
                xpub.send(bytes(TNET_ITEM));
                awaitBody(stream, "hi\n");
            }
        }
    }

    @Test
    void specThatCannotBeBoundIsRefusedNamingKeyAndSpec() throws Exception {
        try (ZmqTestbed bed = new ZmqTestbed()) {
            String taken = bed.endpoints().pull();
            ZmqSettings clash = new ZmqSettings(taken, List.of(), false, "");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ZmqInputs.start(clash, null, null, null));
            assertEquals("[handler] push_in_spec: " + taken + " (cannot bind: Address already in use)", e.getMessage());
        }
    }

    @Test
    void closeReleasesThePorts() throws Exception {
        String pull;
        try (ZmqTestbed bed = new ZmqTestbed()) {
            pull = bed.endpoints().pull();
        }
        try (ZContext client = new ZContext(1)) {
            ZMQ.Socket again = client.createSocket(SocketType.PULL);
            assertTrue(again.bind(pull));
        }
    }
}
