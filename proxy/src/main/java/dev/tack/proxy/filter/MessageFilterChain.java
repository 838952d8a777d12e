package dev.tack.proxy.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The filters one channel subscription names, run in order over each published message (Pushpin's
 * {@code MessageFilterStack}): each filter gets the content the one before it produced; a drop or an error stops
 * the chain. Unknown names are left out. A chain is immutable and keeps no state between messages, so a session
 * builds it once per subscribed channel.
 *
 * <p>Run a chain for every action of a format, not only {@code send}: a drop also keeps a {@code hint} or
 * {@code close} from acting on that subscriber, as in Pushpin. The content to pass is the format's content (for
 * {@code http-response} the body after any {@code body-patch}), or empty for other actions.
 *
 * <p>A chain without {@code http-check}/{@code http-modify} answers at once: {@link #isImmediate()} is true and
 * {@link #applyNow} returns the result on the caller's thread, with no allocation beyond the content. With one of
 * them, {@link #apply} returns a stage that completes when the origin has answered, possibly on another thread; the
 * session must hold back this subscriber's later messages until then (Pushpin pauses the session's publish queue)
 * and hop back to its event loop before writing.
 */
public final class MessageFilterChain {
    /** The chain of a subscription without filters: every message is sent as is. */
    public static final MessageFilterChain EMPTY = new MessageFilterChain(List.of(), List.of());

    private final List<MessageFilter> filters;
    private final List<String> names;

    private MessageFilterChain(List<MessageFilter> filters, List<String> names) {
        this.filters = filters;
        this.names = names;
    }

    /**
     * Builds the chain for a subscription's filter names. {@code http} sends the calls of {@code http-check} and
     * {@code http-modify} ({@link HttpFilterClient#UNAVAILABLE} where there is no origin access).
     *
     * @throws IllegalArgumentException for more than {@value FilterNames#MAX_PER_CHANNEL} names; the instruction
     *     parsers refuse those first (a header or JSON instruct error, or WebSocket close 1011)
     */
    public static MessageFilterChain of(List<String> names, HttpFilterClient http) {
        return of(names, http, HttpFilter.RESPONSE_MAX_BYTES);
    }

    /** As {@link #of(List, HttpFilterClient)}, with a different limit on {@code http-modify} answers (tests). */
    static MessageFilterChain of(List<String> names, HttpFilterClient http, int maxModifyBytes) {
        Objects.requireNonNull(http, "http");
        if (names.size() > FilterNames.MAX_PER_CHANNEL) {
            throw new IllegalArgumentException("filters: " + names + " (expected: at most "
                    + FilterNames.MAX_PER_CHANNEL + ")");
        }
        List<MessageFilter> out = new ArrayList<>(names.size());
        for (String name : names) {
            MessageFilter f = create(name, http, maxModifyBytes);
            if (f != null) {
                out.add(f);
            }
        }
        if (out.isEmpty()) {
            return EMPTY;
        }
        return new MessageFilterChain(List.copyOf(out), out.stream().map(MessageFilter::filterName).toList());
    }

    private static MessageFilter create(String name, HttpFilterClient http, int maxModifyBytes) {
        return switch (name) {
            case "skip-self" -> DeliveryFilter.SKIP_SELF;
            case "skip-users" -> DeliveryFilter.SKIP_USERS;
            case "require-sub" -> DeliveryFilter.REQUIRE_SUB;
            case BuildIdFilter.NAME -> new BuildIdFilter();
            case VarSubstFilter.NAME -> new VarSubstFilter();
            case "http-check" -> new HttpFilter(HttpFilter.Mode.CHECK, http, maxModifyBytes);
            case "http-modify" -> new HttpFilter(HttpFilter.Mode.MODIFY, http, maxModifyBytes);
            default -> null;
        };
    }

    /** Returns the names of the filters that run, in order (unknown ones left out). */
    public List<String> names() {
        return names;
    }

    /** Returns whether every filter answers at once (none asks the origin). */
    public boolean isImmediate() {
        return filters.stream().allMatch(f -> f instanceof LocalFilter);
    }

    /**
     * Runs an immediate chain.
     *
     * @param content the message content; not modified
     * @throws IllegalStateException when the chain is not {@link #isImmediate() immediate}
     */
    public FilterResult applyNow(FilterContext context, byte[] content) {
        FilterResult result = new FilterResult.Send(content);
        for (MessageFilter f : filters) {
            if (!(f instanceof LocalFilter local)) {
                throw new IllegalStateException("filter " + f.filterName() + " asks the origin (expected: apply)");
            }
            result = local.apply(context, ((FilterResult.Send) result).content());
            if (!(result instanceof FilterResult.Send)) {
                return result;
            }
        }
        return result;
    }

    /**
     * Runs any chain; the stage never completes exceptionally (failures are {@link FilterResult.Error}s).
     *
     * @param content the message content; not modified
     */
    public CompletionStage<FilterResult> apply(FilterContext context, byte[] content) {
        return runFrom(0, context, content);
    }

    private CompletionStage<FilterResult> runFrom(int first, FilterContext context, byte[] content) {
        byte[] current = content;
        for (int i = first; i < filters.size(); i++) {
            MessageFilter f = filters.get(i);
            FilterResult result;
            if (f instanceof HttpFilter remote) {
                int next = i + 1;
                return remote.apply(context, current).thenCompose(r -> r instanceof FilterResult.Send s
                        ? runFrom(next, context, s.content()) : CompletableFuture.completedFuture(r));
            }
            result = ((LocalFilter) f).apply(context, current);
            if (!(result instanceof FilterResult.Send s)) {
                return CompletableFuture.completedFuture(result);
            }
            current = s.content();
        }
        return CompletableFuture.completedFuture(new FilterResult.Send(current));
    }

    @Override
    public String toString() {
        return "MessageFilterChain" + names;
    }
}
