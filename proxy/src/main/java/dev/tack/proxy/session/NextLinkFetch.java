package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.GripInstructionException;
import dev.tack.api.grip.GripInstructionParser;
import dev.tack.api.grip.GripLast;
import dev.tack.api.grip.NextLink;
import dev.tack.proxy.origin.OriginFailure;
import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.origin.OriginResponse;
import dev.tack.proxy.origin.OriginTimings;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.Future;
import java.net.URI;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fetch of a hold's next link (Pushpin's {@code httpsession.cpp requestNextLink}, docs/compatibility.md
 * "Reliable GRIP"):
 * <pre>
 * GET /events/fruit?link=next HTTP/1.1
 * Grip-Last: events-fruit; last-id=3
 * </pre>
 * through the client's route when the link is the same origin ({@link LinkRequests}), merged with identical fetches
 * of other holds ({@link SharedFetches}). An answer must be 2xx; it may carry GRIP instructions of its own, which
 * are parsed here. A failed fetch (no answer, or not 2xx) is tried again up to {@value NextLink#RETRY_MAX} times
 * after Pushpin's backoff, 1 s doubling plus up to 1 s at random, on the time source; then the fetch fails with
 * {@value NextLink#FETCH_FAILED} The answer is buffered (at most {@value #MAX_BODY} bytes; Pushpin streams it) so
 * that many holds can share it.
 */
final class NextLinkFetch {

    private static final Logger log = LoggerFactory.getLogger(NextLinkFetch.class);
    /** The largest next-link answer Tack buffers. */
    static final int MAX_BODY = 1_000_000;

    /** How a fetch ended. */
    sealed interface Outcome permits Fetched, Failed {
    }

    /** The answer, as an instruction (its body is what goes to the client). */
    record Fetched(GripInstruction instruction) implements Outcome {
    }

    /** No usable answer; {@code error} is what a debug route shows. */
    record Failed(String error) implements Outcome {
    }

    private final HeldRequest held;
    private final EventLoop loop;
    private final URI uri;
    private final List<Header> gripLast;
    private final Consumer<Outcome> done;
    private int retries;
    private Future<?> retryTimer;
    private boolean cancelled;

    /**
     * @param uri the link, absolute
     * @param done told once, on {@code loop}, unless cancelled first
     */
    NextLinkFetch(HeldRequest held, EventLoop loop, URI uri, List<Header> gripLast, Consumer<Outcome> done) {
        this.held = held;
        this.loop = loop;
        this.uri = uri;
        this.gripLast = List.copyOf(gripLast);
        this.done = done;
    }

    void start() {
        send();
    }

    /** Stops the fetch; {@code done} is not told. An answer already on its way is ignored. */
    void cancel() {
        cancelled = true;
        if (retryTimer != null) {
            retryTimer.cancel(false);
        }
    }

    private void send() {
        retryTimer = null;
        if (cancelled) {
            return;
        }
        OriginTimings timings = held.grip().origin().timings();
        OriginRequest request = LinkRequests.request(held, HttpMethod.GET, uri, gripLast, new byte[0],
                new OriginRequest.Policy(timings.headMillis(), timings.replyMillis(), MAX_BODY, 0,
                        timings.retryBaseMillis()));
        if (request == null) {
            log.info("next link {} is no http(s) URL", uri);
            finish(new Failed(NextLink.FETCH_FAILED));
            return;
        }
        log.debug("next: {}", uri);
        held.grip().fetches().fetch(loop, request, GripLast.sharingKey(uri, gripLast), this::answered);
    }

    private void answered(OriginResponse response, OriginFailure failure) {
        if (cancelled) {
            return;
        }
        if (failure != null) {
            retryOrFail(failure.describe());
            return;
        }
        if (response.status() < 200 || response.status() >= 300) {
            retryOrFail("status " + response.status());
            return;
        }
        try {
            finish(new Fetched(GripInstructionParser.parse(response.status(), response.reason(), response.headers(),
                    response.body())));
        } catch (GripInstructionException | RuntimeException e) {
            log.info("next link {} answered with instructions that do not parse: {}", uri, e.getMessage());
            finish(new Failed(e.getMessage()));
        }
    }

    private void retryOrFail(String why) {
        if (retries >= NextLink.RETRY_MAX) {
            log.info("failed to retrieve next link {}: {}", uri, why);
            finish(new Failed(NextLink.FETCH_FAILED));
            return;
        }
        long delay = NextLink.retryDelayMillis(retries++,
                ThreadLocalRandom.current().nextInt(NextLink.RETRY_RANDOM_MILLIS));
        log.debug("next link {} failed ({}); trying again in {} ms", uri, why, delay);
        try {
            retryTimer = held.grip().origin().time().schedule(loop, this::send, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            cancelled = true;
        }
    }

    private void finish(Outcome outcome) {
        if (!cancelled) {
            cancelled = true;
            done.accept(outcome);
        }
    }
}
