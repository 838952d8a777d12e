package dev.tack.proxy.origin;

import dev.tack.proxy.route.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which target a call tries next: the request's targets in order while connecting fails, then, as its policy
 * allows, further rounds after Pushpin's backoff ({@code base · 2^n} plus up to {@code base} of jitter). For
 * targets {@code a b} and two retries: a, b, wait ~1 s, a, b, wait ~2 s, a, b, give up.
 */
final class Failover {

    /** {@link #failed} answer: give up. */
    static final long GIVE_UP = -1;

    private final List<Target> targets;
    private final OriginRequest.Policy policy;
    private final List<Target> tried = new ArrayList<>(1);
    private int index;
    private int round;
    private String lastError = "";

    Failover(List<Target> targets, OriginRequest.Policy policy) {
        this.targets = targets;
        this.policy = policy;
    }

    /** The target to try now (noted as tried). */
    Target current() {
        Target target = targets.get(index);
        if (!tried.contains(target)) {
            tried.add(target);
        }
        return target;
    }

    /**
     * Connecting to the current target failed.
     *
     * @return 0 to try the next target at once, a delay in milliseconds before the next round, or {@link #GIVE_UP}
     */
    long failed(Throwable cause) {
        lastError = targets.get(index) + ": " + cause.getMessage();
        if (++index < targets.size()) {
            return 0;
        }
        if (round >= policy.retries()) {
            return GIVE_UP;
        }
        index = 0;
        long base = policy.retryBaseMillis();
        return base * (1L << round++) + ThreadLocalRandom.current().nextLong(Math.max(base, 1));
    }

    /** The targets tried so far, in order. */
    List<Target> tried() {
        return List.copyOf(tried);
    }

    /** The last connect error, naming its target. */
    String lastError() {
        return lastError;
    }
}
