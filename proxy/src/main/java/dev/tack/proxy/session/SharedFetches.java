package dev.tack.proxy.session;

import dev.tack.proxy.origin.Origin;
import dev.tack.proxy.origin.OriginException;
import dev.tack.proxy.origin.OriginFailure;
import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.origin.OriginResponse;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/**
 * Merges identical next-link fetches of many sessions into one origin request, as Pushpin's handler "auto-shares"
 * them (docs/compatibility.md "Reliable GRIP"): a fetch whose sharing key
 * ({@link dev.tack.api.grip.GripLast#sharingKey},
 * the link without its query plus the sorted {@code Grip-Last} values) matches one in flight anywhere on the node
 * waits for that one's answer instead of asking the origin again. A hundred streams whose next link falls due
 * together make one request. Answers are immutable values, so every waiter gets the same one, on its own event
 * loop. Thread safe.
 */
final class SharedFetches {

    private final Origin origin;
    private final ConcurrentHashMap<String, Shared> inFlight = new ConcurrentHashMap<>();

    SharedFetches(Origin origin) {
        this.origin = origin;
    }

    /** The waiters of one request in flight, and its outcome once known. */
    private static final class Shared {
        private final List<Waiter> waiters = new ArrayList<>(1);
        private OriginResponse response;
        private OriginFailure failure;
        private boolean done;

        /** Adds a waiter; false when the outcome is already out (the caller then asks again). */
        synchronized boolean join(Waiter waiter) {
            if (done) {
                return false;
            }
            waiters.add(waiter);
            return true;
        }

        void complete(OriginResponse answer, OriginFailure why) {
            List<Waiter> told;
            synchronized (this) {
                done = true;
                response = answer;
                failure = why;
                told = List.copyOf(waiters);
                waiters.clear();
            }
            told.forEach(w -> w.tell(response, failure));
        }
    }

    private record Waiter(EventLoop loop, BiConsumer<OriginResponse, OriginFailure> done) {
        void tell(OriginResponse response, OriginFailure failure) {
            try {
                loop.execute(() -> done.accept(response, failure));
            } catch (RejectedExecutionException shuttingDown) {
                // The waiter's loop is gone, and its session with it.
            }
        }
    }

    /**
     * Sends {@code request}, or waits for the identical one in flight. {@code done} runs on {@code loop} with the
     * answer, or with why there is none.
     *
     * @param sharingKey what makes two requests identical, or null for a request that is never shared
     */
    void fetch(EventLoop loop, OriginRequest request, String sharingKey,
            BiConsumer<OriginResponse, OriginFailure> done) {
        Waiter waiter = new Waiter(loop, done);
        if (sharingKey == null) {
            send(loop, request, done);
            return;
        }
        while (true) {
            Shared fresh = new Shared();
            fresh.join(waiter);
            Shared existing = inFlight.putIfAbsent(sharingKey, fresh);
            if (existing == null) {
                send(loop, request, (response, failure) -> {
                    inFlight.remove(sharingKey, fresh);
                    fresh.complete(response, failure);
                });
                return;
            }
            if (existing.join(waiter)) {
                return;
            }
            // It completed between the lookup and the join: it has left the map by now, or is about to.
            inFlight.remove(sharingKey, existing);
        }
    }

    /** How many distinct requests are in flight (tests). */
    int inFlight() {
        return inFlight.size();
    }

    /** Sends {@code request}; {@code done} runs on {@code loop}, where the fetch completes. */
    private void send(EventLoop loop, OriginRequest request, BiConsumer<OriginResponse, OriginFailure> done) {
        origin.fetch(loop, request).addListener(f -> done.accept(f.isSuccess() ? (OriginResponse) f.getNow() : null,
                f.isSuccess() ? null : failureOf(f.cause(), request)));
    }

    private static OriginFailure failureOf(Throwable cause, OriginRequest request) {
        return cause instanceof OriginException e ? e.failure()
                : new OriginFailure(OriginFailure.Kind.CLOSED, String.valueOf(cause), request.targets());
    }
}
