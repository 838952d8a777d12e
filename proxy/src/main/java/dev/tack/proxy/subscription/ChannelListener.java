package dev.tack.proxy.subscription;

/**
 * Told when this node starts and stops listening on a channel: the registry's first/last listener events, which
 * engines use to subscribe the node on a shared bus and which any other input that filters by channel (a ZeroMQ
 * SUB socket, for one) can use the same way. Register every listener with {@link ChannelInterest#addListener}
 * before the server takes connections.
 *
 * <p>Calls come from event loops, under a per-channel lock that keeps the two events of one channel in order: a
 * listener must return quickly, must not block and must not call back into {@link ChannelInterest}. Typical
 * listeners note the change and act on it from a task of their own, batching many channels into one command.
 */
public interface ChannelListener {

    /** The node's first local subscriber on {@code channel} arrived (or came back during the linger). */
    void channelOpened(String channel);

    /** The node has had no subscriber on {@code channel} for the linger period. */
    void channelClosed(String channel);
}
