package dev.tack.proxy.ws;

import dev.tack.api.Header;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;

/** What a {@link WsSession} needs from the client's handshake, which waits for the origin before {@code 101}. */
interface ClientHandshake {

    /** Sends {@code 101} with {@code headers} and switches the pipeline to WebSocket frames. */
    ChannelHandlerContext complete(List<Header> headers);

    /** Sends the origin's refusal instead of {@code 101} and closes. */
    void reject(int status, String reason, List<Header> headers, byte[] body);
}
