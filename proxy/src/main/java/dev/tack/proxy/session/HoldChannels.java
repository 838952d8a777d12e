package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.grip.ChannelSpec;
import dev.tack.api.grip.GripLast;
import dev.tack.api.publish.Format;
import dev.tack.proxy.filter.FilterContext;
import dev.tack.proxy.filter.FilterNames;
import dev.tack.proxy.filter.FilterResult;
import dev.tack.proxy.filter.HttpFilterClient;
import dev.tack.proxy.filter.MessageFilterChain;
import dev.tack.proxy.delivery.PreparedItem;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The channels one held connection listens on, as the filters and the origin see them (docs/compatibility.md
 * "Reliable GRIP"): for each subscribed channel its name as the origin gave it (before the route's {@code prefix=}),
 * its prev-id (the id of the last item delivered, while the origin asked for tracking) and its filters; and the
 * connection's subscription meta ({@code Grip-Set-Meta}, {@code hold.meta}, {@code c:set-meta}). It answers what a
 * published message needs: whether its {@code content-filters} match, what the filter chain makes of it, and the
 * {@code Grip-Last} headers for the origin. Confined to the connection's event loop.
 */
public final class HoldChannels {

    /** One subscribed channel; a delivery looks it up once ({@link #channel}) and asks it everything. */
    static final class Channel {
        final String name;
        final String originName;
        String prevId;
        List<String> filters;
        MessageFilterChain chain;

        Channel(String name, String originName) {
            this.name = name;
            this.originName = originName;
        }

        /** The prev-id, or null when it is not tracked. */
        String prevId() {
            return prevId;
        }

        /**
         * An item with {@code id} is delivered: a tracked prev-id moves to it (an item without an id stops the
         * tracking), as in Pushpin.
         */
        void advance(String id) {
            if (prevId != null) {
                prevId = id;
            }
        }

        /**
         * Empty when a format's {@code content-filters} allow delivery, else the mismatch text
         * ({@code content filter mismatch: subscription=build-id message=}).
         */
        Optional<String> mismatch(Format format) {
            return FilterNames.contentFilterMismatch(filters == null ? List.of() : filters, format.contentFilters());
        }

        /** Whether any filter runs on this channel's messages. */
        boolean filtered() {
            return chain != null && chain != MessageFilterChain.EMPTY;
        }
    }

    /**
     * The channel while there is only one, as for most connections; from the second on, {@link #many} holds them all
     * in subscription order. A map for one entry would cost about 130 bytes of every held connection.
     */
    private Channel only;
    private LinkedHashMap<String, Channel> many;
    private final HttpFilterClient http;
    /** The client's request URI as text; parsed once a filter needs it ({@link HeldRequest#uri}). */
    private final String requestUri;
    private URI parsedRequestUri;
    /** Where relative filter URLs resolve: null for the request's URI, else the last next link fetched. */
    private URI currentUri;
    private Map<String, String> meta = Map.of();

    /**
     * @param http sends {@code http-check}/{@code http-modify} calls for this connection
     * @param requestUri the client's request URI, which filter URLs resolve against at first
     */
    public HoldChannels(HttpFilterClient http, String requestUri) {
        this.http = http;
        this.requestUri = requestUri;
    }

    /** The channels of a connection whose {@code http-check}/{@code http-modify} calls go out from {@code loop}. */
    public static HoldChannels of(HeldRequest request, EventLoop loop) {
        return new HoldChannels(new HttpFilterCalls(request, loop), request.uri());
    }

    /**
     * Subscribes to {@code name} or updates it.
     *
     * @param originName the name as the origin gave it (the route's {@code prefix=} not in front)
     * @param prevId the id to track, or null for no tracking
     */
    public void put(String name, String originName, String prevId, List<String> filters) {
        Channel channel = channel(name);
        if (channel == null) {
            channel = new Channel(name, originName);
            add(channel);
        }
        channel.prevId = prevId;
        if (!filters.equals(channel.filters)) {
            channel.filters = List.copyOf(filters);
            channel.chain = MessageFilterChain.of(channel.filters, http);
        }
    }

    /**
     * Takes the channels of a (new) instruction: {@code names} are the final names, the first of them made from
     * {@code specs} in order (the rest are the target's implicit channels). Channels no longer named are removed
     * and reported to {@code left}, new ones to {@code joined}; kept ones get the new prev-id and filters.
     */
    void takeOver(List<ChannelSpec> specs, List<String> names, Consumer<String> joined, Consumer<String> left) {
        for (String name : new ArrayList<>(names())) {
            if (!names.contains(name)) {
                remove(name);
                left.accept(name);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            ChannelSpec spec = i < specs.size() ? specs.get(i) : null;
            String name = names.get(i);
            boolean fresh = !contains(name);
            put(name, spec == null ? name : spec.name(), spec == null ? null : spec.prevId(),
                    spec == null ? List.of() : spec.filters());
            if (fresh) {
                joined.accept(name);
            }
        }
    }

    private void add(Channel channel) {
        if (only == null && many == null) {
            only = channel;
            return;
        }
        if (many == null) {
            many = new LinkedHashMap<>(4);
            many.put(only.name, only);
            only = null;
        }
        many.put(channel.name, channel);
    }

    public boolean remove(String name) {
        if (only != null && only.name.equals(name)) {
            only = null;
            return true;
        }
        return many != null && many.remove(name) != null;
    }

    public boolean contains(String name) {
        return channel(name) != null;
    }

    /** The subscribed channels' names in subscription order (a view: copy it before removing channels). */
    public Set<String> names() {
        if (only != null) {
            return Set.of(only.name);
        }
        return many == null ? Set.of() : many.keySet();
    }

    public int size() {
        return only != null ? 1 : many == null ? 0 : many.size();
    }

    /** The subscribed channel {@code name}, or null. */
    Channel channel(String name) {
        if (only != null) {
            return only.name.equals(name) ? only : null;
        }
        return many == null ? null : many.get(name);
    }

    private Collection<Channel> channels() {
        if (only != null) {
            return List.of(only);
        }
        return many == null ? List.of() : many.values();
    }

    /** The channel's prev-id, or null when it is not tracked (or not subscribed). */
    String prevId(String name) {
        Channel channel = channel(name);
        return channel == null ? null : channel.prevId;
    }

    /** Every channel's origin name mapped to its prev-id (null when untracked), in subscription order. */
    Map<String, String> prevIds() {
        Map<String, String> out = new LinkedHashMap<>();
        channels().forEach(c -> out.put(c.originName, c.prevId));
        return out;
    }

    /** {@code Grip-Last: <channel>; last-id=<id>} for every tracked channel. */
    List<Header> gripLast() {
        return GripLast.headers(prevIds());
    }

    /** The client's request URI as text, for log lines (parsing it there would cost a parse per dropped message). */
    String requestText() {
        return requestUri;
    }

    /** The client's request URI, parsed the first time a filter needs it. */
    private URI requestUri() {
        if (parsedRequestUri == null) {
            parsedRequestUri = URI.create(requestUri);
        }
        return parsedRequestUri;
    }

    public Map<String, String> meta() {
        return meta;
    }

    public void meta(Map<String, String> value) {
        meta = Map.copyOf(value);
    }

    /** Where relative filter URLs resolve from now on (the last next link fetched). */
    void currentUri(URI value) {
        currentUri = value;
    }

    private URI currentUri() {
        return currentUri != null ? currentUri : requestUri();
    }

    /**
     * Runs {@code name}'s filters over a message (after {@link Channel#advance}, so that {@code %I} names this message, as
     * in Pushpin 1.36). Filters that answer at once give {@code then} the result now and this returns true. With an
     * {@code http-check} or {@code http-modify} among them this returns false and {@code then} runs later on
     * {@code loop}; the item is retained until then, and the caller holds back its later messages meanwhile.
     *
     * @param item the message, borrowed
     * @param content its content (not modified)
     */
    public boolean filter(String name, PreparedItem item, byte[] content, EventExecutor loop,
            Consumer<FilterResult> then) {
        MessageFilterChain chain = channel(name).chain;
        FilterContext context = new FilterContext(meta, item.item().meta(), prevIds(), requestUri(), currentUri());
        if (chain.isImmediate()) {
            then.accept(chain.applyNow(context, content));
            return true;
        }
        item.retain();
        CompletionStage<FilterResult> stage = chain.apply(context, content);
        stage.whenComplete((result, failure) -> {
            try {
                loop.execute(() -> {
                    try {
                        then.accept(result != null ? result
                                : new FilterResult.Error(chain.names().toString(), String.valueOf(failure)));
                    } finally {
                        item.release();
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                item.release();
            }
        });
        return false;
    }

}
