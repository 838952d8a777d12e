package dev.tack.proxy.filter;

import dev.tack.proxy.filter.PercentFormat.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code var-subst}: replaces {@code %(name)s} in a message with the subscriber's meta value {@code name}
 * (UTF-8), e.g. {@code hello %(user)s} becomes {@code hello alice} for meta {@code user=alice}; {@code %%} becomes
 * {@code %}. A directive other than {@code s}, an {@code s} without a name, or a name the meta lacks is an error
 * (Pushpin's {@code filter.cpp}).
 */
final class VarSubstFilter implements LocalFilter {
    static final String NAME = "var-subst";

    @Override
    public String filterName() {
        return NAME;
    }

    @Override
    public FilterResult apply(FilterContext context, byte[] content) {
        try {
            return new FilterResult.Send(PercentFormat.render(content, variables(context.subscriptionMeta())));
        } catch (FormatException e) {
            return new FilterResult.Error(NAME, e.getMessage());
        }
    }

    /** Renders {@code %(name)s} from a map of text values; {@code build-id} uses it for {@code id_format} too. */
    static PercentFormat.Directive variables(Map<String, String> values) {
        return (type, arg) -> {
            if (type != 's') {
                throw new FormatException("Unknown directive '" + type + "'");
            }
            if (arg == null) {
                throw new FormatException("Directive 's' requires argument");
            }
            String name = new String(arg, StandardCharsets.UTF_8);
            String value = values.get(name);
            if (value == null) {
                throw new FormatException("No such variable '" + name + "'");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        };
    }
}
