package dev.tack.proxy.history;

import dev.tack.proxy.subscription.Subscriber;
import java.util.List;
import java.util.function.Consumer;

/** {@link Resume#NONE}. */
final class NoResume implements Resume {

    static final NoResume INSTANCE = new NoResume();

    private NoResume() {
    }

    @Override
    public Subscriber bind(Subscriber hold) {
        return hold;
    }

    @Override
    public void start(List<String> channels, Consumer<Opening> opened) {
        opened.accept(Opening.NONE);
    }

    @Override
    public void close() {
    }
}
