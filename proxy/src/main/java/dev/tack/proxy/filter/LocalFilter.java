package dev.tack.proxy.filter;

/** A filter that decides on the spot, without I/O. */
non-sealed interface LocalFilter extends MessageFilter {

    /**
     * Returns {@link FilterResult.Send} with the content (changed or not), {@link FilterResult#DROP}, or an error.
     *
     * @param content the content so far; not modified
     */
    FilterResult apply(FilterContext context, byte[] content);
}
