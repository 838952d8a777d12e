package dev.tack.proxy.engine;

/** An engine's state signal. */
public enum EngineEvent {
    /** Connected for the first time: publishes go through. */
    UP,
    /** The connection was lost: publishes are refused (or delivered only here) until it is back. */
    DOWN,
    /** Back after {@link #DOWN}, with every channel that has listeners subscribed again. */
    RESUBSCRIBED
}
