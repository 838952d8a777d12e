package dev.tack.proxy.origin;

import io.netty.util.AttributeKey;

/** Marks an origin connection that has served a request before, so a stale pooled one can be retried. */
final class Pooled {

    static final AttributeKey<Boolean> KEY = AttributeKey.valueOf(Pooled.class, "used");

    private Pooled() {
    }
}
