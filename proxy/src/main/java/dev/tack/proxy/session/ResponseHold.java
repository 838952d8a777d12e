package dev.tack.proxy.session;

import dev.tack.api.grip.GripInstruction;
import dev.tack.api.publish.Action;
import dev.tack.api.publish.HttpResponseFormat;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.DeliveryFormat;
import dev.tack.proxy.subscription.Subscriber;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-poll (docs/compatibility.md "Long-polling"): nothing goes to the client until an {@code http-response} is published
 * on one of its channels, which becomes the response, or until {@code Grip-Timeout} passes, when the
 * origin's original response goes out. Either way the connection then takes its next request.
 *
 * <p>For example, the origin answers
 * <pre>
 * HTTP/1.1 200 OK
 * Grip-Hold: response
 * Grip-Channel: news
 * Grip-Timeout: 30
 *
 * {"items": []}
 * </pre>
 * and a publish of {@code {"channel":"news","formats":{"http-response":{"body":"{\"items\":[1]}"}}}} answers
 * the client with that body instead.
 */
public final class ResponseHold implements Subscriber, Hold {

    private static final Logger log = LoggerFactory.getLogger(ResponseHold.class);

    private final HoldContext context;
    private final GripInstruction instruction;
    private final List<String> channels;
    private final Subscriptions subscriptions;
    private Future<?> timeout;
    private boolean done;

    public ResponseHold(HoldContext context, GripInstruction instruction, List<String> channels) {
        this.context = context;
        this.instruction = instruction;
        this.channels = channels;
        this.subscriptions = new Subscriptions(context.shard(), this);
    }

    @Override
    public void start() {
        context.metrics().holdStarted(ClientTransport.LONGPOLL);
        channels.forEach(subscriptions::add);
        timeout = context.time().schedule(context.client().executor(), this::timedOut, instruction.timeoutSeconds(),
                TimeUnit.SECONDS);
    }

    @Override
    public boolean deliver(String channel, PreparedItem item) {
        HttpResponseFormat format = item.httpResponse();
        if (done || format == null) {
            return false;
        }
        if (format.action() != Action.SEND) {
            // hint asks Pushpin to re-request the origin; Tack does not retry holds yet, so it is ignored.
            log.debug("ignoring http-response action " + format.action() + " on channel " + channel);
            return false;
        }
        context.client().write(Responses.published(format, instruction.headers(), instruction.body()));
        context.metrics().delivered(DeliveryFormat.HTTP_RESPONSE, 1);
        finish();
        return true;
    }

    @Override
    public void flush() {
        context.client().flush();
    }

    private void timedOut() {
        if (done) {
            return;
        }
        context.client().writeAndFlush(Responses.full(instruction.status(), instruction.reason(),
                instruction.headers(), instruction.body()));
        finish();
    }

    private void finish() {
        cleanUp();
        context.onDone().run();
    }

    private void cleanUp() {
        if (done) {
            return;
        }
        done = true;
        context.metrics().holdEnded(ClientTransport.LONGPOLL);
        subscriptions.clear();
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public void clientClosed() {
        cleanUp();
    }

    @Override
    public void writabilityChanged() {
    }

    /** Answers as the timeout would: with the origin's own response (docs/reliability.md "Graceful drain"). */
    @Override
    public void goingAway() {
        timedOut();
    }
}
