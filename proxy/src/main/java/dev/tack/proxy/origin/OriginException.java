package dev.tack.proxy.origin;

/** The failure of a call made with {@link Origin#fetch}; {@link #failure()} says what happened. */
public final class OriginException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient OriginFailure failure;

    public OriginException(OriginFailure failure) {
        super(failure.kind() + ": " + failure.logText(), null, false, false);
        this.failure = failure;
    }

    public OriginFailure failure() {
        return failure;
    }
}
