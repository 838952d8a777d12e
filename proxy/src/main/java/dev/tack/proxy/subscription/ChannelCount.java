package dev.tack.proxy.subscription;

/** A channel and how many subscriptions it has (on one event loop, or summed over loops). */
public record ChannelCount(String channel, int subscribers) {
}
