package dev.tack.proxy.filter;

/** One named filter in a {@link MessageFilterChain}: answered at once ({@link LocalFilter}) or by the origin. */
sealed interface MessageFilter permits LocalFilter, HttpFilter {

    /** The name a subscription uses for it, e.g. {@code skip-self}. */
    String filterName();
}
