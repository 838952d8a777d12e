package dev.tack.bench.client;

/** Who one subscriber is: its number in the swarm, its transport and the channel it follows. */
record SubscriberSpec(int index, Transport transport, int channelIndex, String channel) {
}
