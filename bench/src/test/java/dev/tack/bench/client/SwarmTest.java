package dev.tack.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SwarmTest {
    @Test
    void caughtUpMeansTheLastMessageOfTheChannelPublishedBeforeTheDrop() {
        // Messages go to channel seq % 3; up to message 10 was published when the storm began.
        assertEquals(10, Swarm.catchUpSeq(10, 1, 3), "channel 1 got 1, 4, 7, 10");
        assertEquals(9, Swarm.catchUpSeq(10, 0, 3), "channel 0 got 0, 3, 6, 9");
        assertEquals(8, Swarm.catchUpSeq(10, 2, 3), "channel 2 got 2, 5, 8");
    }

    @Test
    void aChannelWithNothingPublishedYetWaitsForItsFirstMessage() {
        assertEquals(2, Swarm.catchUpSeq(1, 2, 3));
        assertEquals(0, Swarm.catchUpSeq(-1, 0, 1));
    }

    @Test
    void oneChannelWaitsForTheLastMessage() {
        assertEquals(41, Swarm.catchUpSeq(41, 0, 1));
    }
}
