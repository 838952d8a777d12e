package dev.tack.api.grip;

/**
 * When a keep-alive fires: {@code IDLE} restarts the timer whenever data goes to the client,
 * {@code INTERVAL} fires at a fixed period regardless (docs/compatibility.md "GRIP instructions", "WebSocket control
 * messages").
 */
public enum KeepAliveMode {
    IDLE, INTERVAL
}
