package dev.tack.proxy.session;

import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.origin.OriginResponse;
import dev.tack.proxy.origin.OriginTimings;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the origin a client has gone ({@code Grip-Link: </left?c=7>; rel=gone}, Pushpin 1.41, docs/compatibility.md
 * "Reliable GRIP"): once the hold is over, for whatever reason, one {@code POST} with an empty body goes to the link,
 * never retried. An answer that is not 2xx or has a body is logged and otherwise ignored.
 */
final class GoneLink {

    private static final Logger log = LoggerFactory.getLogger(GoneLink.class);
    /** The most of an answer's body read (it should have none). */
    private static final int MAX_BODY = 10_000;

    private GoneLink() {
    }

    /** POSTs to {@code link} (absolute) from {@code loop}, in the background. */
    static void post(HeldRequest held, EventLoop loop, URI link) {
        OriginTimings timings = held.grip().origin().timings();
        OriginRequest request = LinkRequests.request(held, HttpMethod.POST, link, List.of(), new byte[0],
                new OriginRequest.Policy(timings.headMillis(), timings.replyMillis(), MAX_BODY, 0,
                        timings.retryBaseMillis()));
        if (request == null) {
            log.info("gone link {} is no http(s) URL; not sent", link);
            return;
        }
        held.grip().origin().fetch(loop, request).addListener(f -> {
            if (!f.isSuccess()) {
                log.info("gone link {} failed: {}", link, f.cause().getMessage());
                return;
            }
            OriginResponse answer = (OriginResponse) f.getNow();
            if (answer.status() < 200 || answer.status() >= 300 || answer.body().length > 0) {
                log.info("gone link {} answered {} with {} body bytes (expected: 2xx, no body)", link,
                        answer.status(), answer.body().length);
            } else {
                log.debug("gone link {} answered {}", link, answer.status());
            }
        });
    }
}
