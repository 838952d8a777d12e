package dev.tack.proxy.session;

import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.HoldMode;
import dev.tack.proxy.history.Resume;
import java.util.List;

/**
 * Where a parsed GRIP instruction takes over the client connection from the proxy session: without a hold and
 * without a next link the (possibly re-statused) response goes out at once; {@code Grip-Hold: response} becomes a
 * {@link ResponseHold}; {@code Grip-Hold: stream}, or no hold but a next link (whose answers are appended to the
 * response, docs/compatibility.md "Reliable GRIP"), a {@link StreamHold}.
 */
final class GripHandoff {

    private final HoldContext context;
    private GripInstruction instruction;
    private List<String> channels;
    private final Resume resume;
    private Hold hold;
    private boolean responseSent;

    /**
     * @param channels the final channel names (route prefix applied, limit enforced)
     * @param resume what the client gets back from history when the hold subscribes ({@link Resume#NONE}: nothing)
     */
    GripHandoff(HoldContext context, GripInstruction instruction, List<String> channels, Resume resume) {
        this.context = context;
        this.instruction = instruction;
        this.channels = channels;
        this.resume = resume;
    }

    /**
     * The stream's head and body went out already (a body too large to buffer was streamed to the client): the
     * stream hold that starts next only holds.
     */
    void responseSent() {
        responseSent = true;
    }

    public void start() {
        if (instruction.hold() == null && instruction.nextLink() == null) {
            context.client().writeAndFlush(Responses.full(instruction.status(), instruction.reason(),
                    instruction.headers(), instruction.body()));
            context.onDone().run();
            return;
        }
        hold = instruction.hold() == HoldMode.RESPONSE
                ? new ResponseHold(context, instruction, channels, resume)
                : new StreamHold(context, instruction, channels, resume);
        if (responseSent && hold instanceof StreamHold stream) {
            stream.responseSent();
        }
        instruction = null;
        channels = null;
        hold.start();
    }

    public void clientClosed() {
        if (hold != null) {
            hold.clientClosed();
        }
    }

    public void writabilityChanged() {
        if (hold != null) {
            hold.writabilityChanged();
        }
    }

    /** Tack is shutting down: the hold ends its response now. */
    public void goingAway() {
        if (hold != null) {
            hold.goingAway();
        }
    }
}
