package dev.tack.api.publish;

/** The kind of WebSocket message a publish or a control message carries to a client. */
public enum WsMessageType {
    TEXT, BINARY, PING, PONG
}
