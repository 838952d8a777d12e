package dev.tack.proxy.filter;

import dev.tack.api.grip.ChannelSpec;
import dev.tack.proxy.filter.PercentFormat.FormatException;
import java.util.List;
import java.util.Map;

/**
 * Runs the response-content filters ({@code build-id}) of a hold's channels over its first response body and over
 * next-link bodies, which may arrive in pieces (Pushpin's {@code httpsession.cpp} with {@code filterstack.cpp}).
 * Each filter counts once even when several channels name it. Only the subscription meta is known here, not the
 * prev-ids, so {@code build-id} has no default id: {@code %(x)I} works, a bare {@code %I} is an error, and
 * {@code %%} becomes {@code %} (django-eventstream escapes {@code %} in its bodies for this reason).
 *
 * <p>Use one instance per body: {@link #update} for each piece, {@link #finish} at the end; each returns the bytes
 * to write, or an error that ends the response ({@code filter error: build-id: no sub meta 'id_format'}). As in
 * Pushpin, the session skips the filter for an empty first response body, but runs {@link #finish} on every
 * next-link body, so {@code build-id} without {@code id_format} fails there even when the body is empty. Not thread
 * safe.
 */
public final class ResponseContentFilter {
    private static final ResponseContentFilter PASS_THROUGH = new ResponseContentFilter(null);

    private final Map<String, String> buildIdMeta;
    private IdRenderer buildId;

    private ResponseContentFilter(Map<String, String> buildIdMeta) {
        this.buildIdMeta = buildIdMeta;
    }

    /** Returns the filter for one body of a hold on {@code channels} with subscription meta {@code meta}. */
    public static ResponseContentFilter forChannels(List<ChannelSpec> channels, Map<String, String> meta) {
        boolean buildId = channels.stream().anyMatch(c -> c.filters().contains(BuildIdFilter.NAME));
        return buildId ? new ResponseContentFilter(Map.copyOf(meta)) : PASS_THROUGH;
    }

    /**
     * Runs the filter for {@code channels} and {@code meta} over a whole body at once ({@link #update} then {@link
     * #finish}): {@link FilterResult.Send} with the bytes to write, or the error.
     */
    public static FilterResult whole(List<ChannelSpec> channels, Map<String, String> meta, byte[] body) {
        ResponseContentFilter filter = forChannels(channels, meta);
        FilterResult first = filter.update(body);
        if (!(first instanceof FilterResult.Send head)) {
            return first;
        }
        FilterResult tail = filter.finish();
        if (!(tail instanceof FilterResult.Send rest) || rest.content().length == 0) {
            return tail instanceof FilterResult.Send ? head : tail;
        }
        byte[] out = new byte[head.content().length + rest.content().length];
        System.arraycopy(head.content(), 0, out, 0, head.content().length);
        System.arraycopy(rest.content(), 0, out, head.content().length, rest.content().length);
        return new FilterResult.Send(out);
    }

    /** Returns whether this filter passes every byte through unchanged. */
    public boolean isPassThrough() {
        return buildIdMeta == null;
    }

    /** Returns {@link FilterResult.Send} with what to write for this piece (maybe empty), or an error. */
    public FilterResult update(byte[] piece) {
        if (buildIdMeta == null) {
            return new FilterResult.Send(piece);
        }
        try {
            return new FilterResult.Send(renderer().update(piece));
        } catch (FormatException e) {
            return new FilterResult.Error(BuildIdFilter.NAME, e.getMessage());
        }
    }

    /** Returns {@link FilterResult.Send} with what is left to write at the end of the body, or an error. */
    public FilterResult finish() {
        if (buildIdMeta == null) {
            return new FilterResult.Send(new byte[0]);
        }
        try {
            return new FilterResult.Send(renderer().finish());
        } catch (FormatException e) {
            return new FilterResult.Error(BuildIdFilter.NAME, e.getMessage());
        }
    }

    private IdRenderer renderer() throws FormatException {
        if (buildId == null) {
            buildId = BuildIdFilter.renderer(buildIdMeta, Map.of());
        }
        return buildId;
    }
}
