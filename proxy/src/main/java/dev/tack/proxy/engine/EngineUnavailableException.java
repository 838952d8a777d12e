package dev.tack.proxy.engine;

/** A publish or command the engine could not take because it is down; nothing of it was published. */
public final class EngineUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message) {
        super(message, null, false, false);
    }
}
