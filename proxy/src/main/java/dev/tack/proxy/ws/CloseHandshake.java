package dev.tack.proxy.ws;

import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The closing handshake of one client WebSocket (RFC 6455 §5.5.1, §7.1): whoever closes first waits for the
 * other side's close frame, and then the connection ends. When Tack closes first (the origin's {@code CLOSE}, a
 * published {@code close}, an origin failure) it waits at most {@link #WAIT_SECONDS} for the client's answer, so
 * the close code reaches the client before the socket goes.
 */
final class CloseHandshake {

    static final int WAIT_SECONDS = 5;

    private final Channel client;
    private final TimeSource time;
    private boolean sent;
    private boolean received;
    private Future<?> timer;

    CloseHandshake(Channel client, TimeSource time) {
        this.client = client;
        this.time = time;
    }

    /** Whether Tack's close frame is out: nothing else goes to the client after it. */
    boolean sent() {
        return sent;
    }

    /** Whether the client's close frame arrived. */
    boolean received() {
        return received;
    }

    /**
     * The client's close frame arrived.
     *
     * @return true when it answers Tack's: the handshake is complete and the connection closes now
     */
    boolean clientClosed() {
        received = true;
        if (sent) {
            stop();
            client.close();
            return true;
        }
        return false;
    }

    /**
     * Tack's close frame was just written: when it answers the client's, the connection closes once it is out;
     * otherwise the client has {@link #WAIT_SECONDS} to answer.
     */
    void closeSent() {
        sent = true;
        if (received) {
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (timer == null) {
            timer = time.schedule(client.eventLoop(), client::close, WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The connection is gone: the wait ends. */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
