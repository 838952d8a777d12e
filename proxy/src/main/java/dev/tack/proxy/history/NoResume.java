package dev.tack.proxy.history;

import dev.tack.api.Header;
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
    public void start(List<String> channels, Consumer<List<Header>> opened) {
        opened.accept(List.of());
    }

    @Override
    public void close() {
    }
}
