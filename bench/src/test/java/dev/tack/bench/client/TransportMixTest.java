package dev.tack.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransportMixTest {
    @Test
    void oneNameMeansEverySubscriberUsesIt() {
        TransportMix mix = TransportMix.parse("SSE");
        assertEquals(Transport.SSE, mix.transportFor(0));
        assertEquals(Transport.SSE, mix.transportFor(17));
    }

    @Test
    void weightsRepeatInAFixedRotation() {
        TransportMix mix = TransportMix.parse("ws:3, sse:1");
        assertEquals(List.of(Transport.WS, Transport.WS, Transport.WS, Transport.SSE, Transport.WS),
                List.of(mix.transportFor(0), mix.transportFor(1), mix.transportFor(2), mix.transportFor(3),
                        mix.transportFor(4)));
    }

    @Test
    void unknownTransportIsNamedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransportMix.parse("ws,tcp"));
        assertEquals("transport: 'tcp' (expected one of: ws, sse, stream, poll)", e.getMessage());
    }

    @Test
    void badWeightIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransportMix.parse("ws:x"));
        assertEquals("transport share: 'ws:x' (expected: name:weight with an integer weight, e.g. ws:3)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TransportMix.parse("ws:0"));
        assertEquals("weight of ws: 0 (expected: an integer >= 1)", e.getMessage());
    }

    @Test
    void repeatedTransportIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransportMix.parse("ws,ws"));
        assertEquals("transport ws is listed twice in 'ws,ws' (expected: each transport at most once)", e.getMessage());
    }

    @Test
    void everyChannelGetsEveryTransportOfAMix() {
        SwarmConfig config = new SwarmConfig("127.0.0.1", 7999, TransportMix.parse("ws,sse,stream,poll"), 40, 10,
                "c-", 100, 10, 1, 1, IoKind.NIO, Duration.ofSeconds(1));
        for (int channel = 0; channel < 10; channel++) {
            Set<Transport> seen = EnumSet.noneOf(Transport.class);
            for (int i = channel; i < 40; i += 10) {
                SubscriberSpec spec = config.spec(i);
                assertEquals("c-" + channel, spec.channel());
                seen.add(spec.transport());
            }
            assertEquals(EnumSet.allOf(Transport.class), seen, "channel " + channel);
        }
    }
}
