package dev.tack.proxy.filter;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The filters Tack knows, what each acts on, and the {@code content-filters} rule. Unknown names in a subscription
 * are ignored, as Pushpin ignores them: they act on nothing and do not count as content filters.
 */
public final class FilterNames {
    /** Most filters one channel subscription may name. */
    public static final int MAX_PER_CHANNEL = 5;

    private static final List<String> KNOWN = List.of("skip-self", "skip-users", "require-sub", BuildIdFilter.NAME,
            VarSubstFilter.NAME, HttpFilter.Mode.CHECK.filterName(), HttpFilter.Mode.MODIFY.filterName());

    private FilterNames() {
    }

    /** Returns the names Tack knows, in Pushpin's order. */
    public static List<String> known() {
        return KNOWN;
    }

    /** Returns what the named filter acts on; empty for an unknown name. */
    public static Set<FilterTarget> targets(String name) {
        return switch (name) {
            case "skip-self", "skip-users", "require-sub", "http-check" -> EnumSet.of(FilterTarget.MESSAGE_DELIVERY);
            case "build-id" -> EnumSet.of(FilterTarget.MESSAGE_CONTENT, FilterTarget.RESPONSE_CONTENT);
            case "var-subst" -> EnumSet.of(FilterTarget.MESSAGE_CONTENT);
            case "http-modify" -> EnumSet.of(FilterTarget.MESSAGE_DELIVERY, FilterTarget.MESSAGE_CONTENT);
            default -> EnumSet.noneOf(FilterTarget.class);
        };
    }

    /** Returns the subscription's filters that change message content, in order (duplicates kept). */
    public static List<String> contentFilters(List<String> subscriptionFilters) {
        List<String> out = new ArrayList<>(subscriptionFilters.size());
        for (String f : subscriptionFilters) {
            if (targets(f).contains(FilterTarget.MESSAGE_CONTENT)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Checks a published format's {@code content-filters} against the subscription: when the publisher named some
     * (even an empty list), they must equal the subscription's {@link #contentFilters} exactly, in order;
     * otherwise the subscriber does not get the message. Returns empty when it may be delivered, else the text
     * for logs and debug routes: {@code content filter mismatch: subscription=build-id message=}.
     *
     * @param published the format's {@code content-filters}, or null when it named none (always a match)
     */
    public static Optional<String> contentFilterMismatch(List<String> subscriptionFilters, List<String> published) {
        if (published == null) {
            return Optional.empty();
        }
        List<String> own = contentFilters(subscriptionFilters);
        if (own.equals(published)) {
            return Optional.empty();
        }
        return Optional.of("content filter mismatch: subscription=" + String.join(",", own) + " message="
                + String.join(",", published));
    }
}
