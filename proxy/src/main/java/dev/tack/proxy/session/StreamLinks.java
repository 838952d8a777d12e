package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.grip.NextLink;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream's next link and how it is fetched (Pushpin's {@code httpsession.cpp} update states,
 * docs/compatibility.md "Holds and reliability"): idle while the stream holds; waiting for the node's update
 * limiter after a low-priority update (first subscription, {@code recover}, an item out of step, the link's
 * timeout); fetching. An update asked for while fetching runs again once the answer has been taken over. The
 * current URI moves to each link fetched, so relative links resolve against it. Confined to the stream's event loop.
 */
final class StreamLinks implements UpdateBatch.Member {

    private static final Logger log = LoggerFactory.getLogger(StreamLinks.class);

    /** What the stream gives and takes. */
    interface Stream {
        /** {@code Grip-Last} for the stream's tracked channels. */
        List<Header> gripLast();

        /** Whether the client still has the last answer to take (the next fetch waits for it). */
        boolean clientBusy();

        /** The link answered (on the stream's loop); the stream appends the body and takes the instruction over. */
        void fetched(NextLinkFetch.Outcome outcome);
    }

    private enum State { IDLE, WAITING, FETCHING }

    private final HeldRequest held;
    private final EventLoop loop;
    private final Stream stream;
    private final LinkTimer timer;
    private State state = State.IDLE;
    /** The last link fetched; null while relative links still resolve against the client's request. */
    private URI current;
    private URI next;
    private int timeoutSeconds;
    private UpdateBatch batch;
    private NextLinkFetch fetch;
    private boolean wanted;
    private boolean urgentWanted;
    private boolean afterClient;

    StreamLinks(HeldRequest held, EventLoop loop, Stream stream) {
        this.held = held;
        this.loop = loop;
        this.stream = stream;
        this.timer = new LinkTimer(held.grip().origin().time(), loop, () -> update(false));
    }

    /** Takes an instruction's next link (null: none), resolved against the current URI. */
    void follow(NextLink link) {
        next = null;
        timeoutSeconds = link == null ? NextLink.DEFAULT_TIMEOUT : link.timeoutSeconds();
        if (link != null) {
            try {
                next = link.resolve(current());
            } catch (IllegalArgumentException e) {
                log.info("next link {} does not resolve against {}: {}", link.uri(), current(), e.getMessage());
            }
        }
    }

    boolean hasNext() {
        return next != null;
    }

    /** The URI relative links resolve against: the client's request, then the last link fetched. */
    URI current() {
        return current != null ? current : held.parsedUri();
    }

    /** Whether the stream holds (neither waiting for its turn nor fetching). */
    boolean idle() {
        return state == State.IDLE;
    }

    /** The stream holds again: its link's timeout starts. */
    void holding() {
        state = State.IDLE;
        if (next != null) {
            timer.start(timeoutSeconds);
        }
    }

    /** Runs an update asked for while the last one was under way (call once the stream has caught up). */
    void runWanted() {
        if (wanted && state == State.IDLE) {
            boolean urgent = urgentWanted;
            wanted = false;
            urgentWanted = false;
            update(urgent);
        }
    }

    /** {@code channel} carried a message, with {@code channels} subscribed in all (see {@link LinkTimer}). */
    void activity(String channel, int channels) {
        timer.activity(channel, channels);
    }

    /**
     * Re-syncs through the next link: at once when {@code urgent} (a {@code hint}), else when the node's update
     * limiter gives this stream its turn. Does nothing without a link.
     */
    void update(boolean urgent) {
        switch (state) {
            case FETCHING -> {
                wanted = true;
                urgentWanted |= urgent;
            }
            case WAITING -> {
                if (urgent) {
                    UpdateBatch.leave(held.grip().updates(), batch, this);
                    batch = null;
                    fetchNow();
                }
            }
            case IDLE -> {
                if (next == null) {
                    return;
                }
                timer.stop();
                if (urgent) {
                    fetchNow();
                } else {
                    state = State.WAITING;
                    batch = UpdateBatch.join(held.grip().updates(), next.toString(), this);
                }
            }
        }
    }

    @Override
    public EventExecutor loop() {
        return loop;
    }

    @Override
    public void update(UpdateBatch from) {
        if (state == State.WAITING && batch == from) {
            batch = null;
            fetchNow();
        }
    }

    /** Fetches the next link now (a chain of answers without a hold follows its links at once). */
    void fetchNow() {
        state = State.FETCHING;
        timer.stop();
        if (stream.clientBusy()) {
            // The client has not taken the last answer yet: the next one waits for it, as Pushpin's does.
            afterClient = true;
            return;
        }
        fetch = new NextLinkFetch(held, loop, next, stream.gripLast(), this::answered);
        fetch.start();
    }

    /** The client took what waited for it. */
    void clientReady() {
        if (afterClient && state == State.FETCHING) {
            afterClient = false;
            fetchNow();
        }
    }

    private void answered(NextLinkFetch.Outcome outcome) {
        fetch = null;
        if (state != State.FETCHING) {
            return;
        }
        if (outcome instanceof NextLinkFetch.Fetched) {
            current = next;
        }
        stream.fetched(outcome);
    }

    /** Stops everything: the stream is over. */
    void stop() {
        timer.stop();
        if (fetch != null) {
            fetch.cancel();
            fetch = null;
        }
        UpdateBatch.leave(held.grip().updates(), batch, this);
        batch = null;
        afterClient = false;
        state = State.IDLE;
    }
}
