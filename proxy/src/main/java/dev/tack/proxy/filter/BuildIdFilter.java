package dev.tack.proxy.filter;

import dev.tack.proxy.filter.PercentFormat.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code build-id}: writes an id built from the connection's prev-ids into content (Pushpin's {@code filter.cpp}
 * and {@code idformat.cpp}). The subscriber's meta {@code id_format} is a template over channel names, e.g.
 * {@code %(fruit)s:%(veg)s}, filled with each channel's prev-id; {@code %I} in the content becomes that id
 * ({@code %(x)I} the literal id {@code x}); meta {@code id_encoding=hex} writes ids as hex. django-eventstream sets
 * this up so that an SSE {@code id:} line carries every channel's position:
 * <pre>
 * Grip-Channel: events-fruit; prev-id=3; filter=build-id
 * Grip-Set-Meta: id_format="fruit:%(events-fruit)s"
 * published http-stream content: "id: %I\ndata: ...\n\n" with content-filters ["build-id"]
 * </pre>
 * Errors: {@code no sub meta 'id_format'}, {@code failed to render ID: No such variable 'veg' at position 13},
 * {@code unsupported encoding: base64}, and the template errors of {@link PercentFormat}. With no channels at all
 * there is no default id.
 */
final class BuildIdFilter implements LocalFilter {
    static final String NAME = "build-id";

    @Override
    public String filterName() {
        return NAME;
    }

    @Override
    public FilterResult apply(FilterContext context, byte[] content) {
        try {
            IdRenderer renderer = renderer(context.subscriptionMeta(), context.prevIds());
            byte[] head = renderer.update(content);
            byte[] tail = renderer.finish();
            byte[] out = new byte[head.length + tail.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(tail, 0, out, head.length, tail.length);
            return new FilterResult.Send(out);
        } catch (FormatException e) {
            return new FilterResult.Error(NAME, e.getMessage());
        }
    }

    /** Returns the renderer {@code meta} and {@code prevIds} call for, or fails with the filter's error text. */
    static IdRenderer renderer(Map<String, String> meta, Map<String, String> prevIds) throws FormatException {
        String idFormat = meta.get("id_format");
        if (idFormat == null) {
            throw new FormatException("no sub meta 'id_format'");
        }
        byte[] id = null;
        if (!prevIds.isEmpty()) {
            Map<String, String> known = new LinkedHashMap<>();
            prevIds.forEach((channel, prevId) -> {
                if (prevId != null) {
                    known.put(channel, prevId);
                }
            });
            try {
                id = PercentFormat.render(idFormat.getBytes(StandardCharsets.UTF_8),
                        VarSubstFilter.variables(known));
            } catch (FormatException e) {
                throw new FormatException("failed to render ID: " + e.getMessage());
            }
        }
        String encoding = meta.get("id_encoding");
        if (encoding != null && !encoding.equals("hex")) {
            throw new FormatException("unsupported encoding: " + encoding);
        }
        return new IdRenderer(id, encoding != null);
    }
}
