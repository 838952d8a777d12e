package dev.tack.api.grip;

/**
 * When a keep-alive fires: {@code IDLE} restarts the timer whenever data goes to the client,
 * {@code INTERVAL} fires at a fixed period regardless (pushpin-spec §1.6, §2.7).
 */
public enum KeepAliveMode {
    IDLE, INTERVAL
}
