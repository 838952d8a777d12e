package dev.tack.proxy.publish.zmq;

/**
 * Bytes that are not one well-formed tnetstring. The message names the offset and what was expected there, e.g.
 * <code>type tag 'x' at offset 9 (expected one of , # ^ ! ~ &#125; ])</code>.
 */
final class TnetstringException extends Exception {
    private static final long serialVersionUID = 1L;

    TnetstringException(String message) {
        super(message, null, false, false);
    }
}
