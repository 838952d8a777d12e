package dev.tack.proxy.publish.zmq;

import dev.tack.proxy.subscription.ChannelInterest;
import dev.tack.proxy.subscription.ChannelListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * Subscription forwarding for the SUB input (docs/compatibility.md "ZeroMQ inputs", Pushpin's
 * {@code handlerengine.cpp addSub/removeSub}): the SUB socket subscribes to a channel when the node's first
 * listener on it arrives and unsubscribes when the last one has gone (after the engine's linger), so a publisher
 * with an XPUB socket sees {@code \x01news} and {@code \x00news} and sends each channel only to the Tack
 * processes that have listeners on it. The events come from the registry's {@link ChannelInterest}, the same ones
 * the Redis and NATS engines use.
 *
 * <p>The events arrive on event loops, but a ZeroMQ socket belongs to the inputs' thread: they wait in a queue,
 * and a byte written to a pipe the inputs' poller watches wakes that thread, which applies them in order. ZeroMQ
 * filters by prefix, so {@code news} also lets {@code newsroom} through; the registry drops what nobody here
 * listens to.
 */
final class ZmqSubscriptions implements ChannelListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZmqSubscriptions.class);

    private record Change(String channel, boolean subscribe) {
    }

    private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile boolean closed;
    private final Pipe wake;
    /** The channels the socket is subscribed to; only the inputs' thread touches it. */
    private final Set<String> subscribed = new HashSet<>();

    ZmqSubscriptions() {
        try {
            wake = Pipe.open();
            wake.source().configureBlocking(false);
            wake.sink().configureBlocking(false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the pipe that wakes the ZeroMQ inputs", e);
        }
    }

    /** Registers with {@code interest} and queues the channels already open, so none is missed. */
    void listenTo(ChannelInterest interest) {
        interest.addListener(this);
        interest.channels().forEach(this::channelOpened);
    }

    /** What the inputs' poller watches: readable when changes wait. */
    Pipe.SourceChannel wakeChannel() {
        return wake.source();
    }

    @Override
    public void channelOpened(String channel) {
        queue(new Change(channel, true));
    }

    @Override
    public void channelClosed(String channel) {
        queue(new Change(channel, false));
    }

    private void queue(Change change) {
        if (closed) {
            return;
        }
        changes.add(change);
        if (signalled.compareAndSet(false, true)) {
            try {
                wake.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException e) {
                // The inputs are closing: nothing to subscribe any more.
                log.debug("zmq sub: wake-up not sent: " + e);
            }
        }
    }

    /** On the inputs' thread: applies every waiting change to {@code sub}. */
    void apply(ZMQ.Socket sub) {
        drainPipe();
        signalled.set(false);
        Change change;
        while ((change = changes.poll()) != null) {
            byte[] topic = change.channel().getBytes(StandardCharsets.UTF_8);
            if (change.subscribe() && subscribed.add(change.channel())) {
                sub.subscribe(topic);
                log.debug("zmq sub: subscribed to channel " + change.channel());
            } else if (!change.subscribe() && subscribed.remove(change.channel())) {
                sub.unsubscribe(topic);
                log.debug("zmq sub: unsubscribed from channel " + change.channel());
            }
        }
    }

    private void drainPipe() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        try {
            while (wake.source().read(buffer) > 0) {
                buffer.clear();
            }
        } catch (IOException e) {
            log.debug("zmq sub: reading the wake-up pipe: " + e);
        }
    }

    @Override
    public void close() {
        closed = true;
        changes.clear();
        try {
            wake.sink().close();
            wake.source().close();
        } catch (IOException e) {
            log.debug("zmq sub: closing the wake-up pipe: " + e);
        }
    }
}
