/**
 * The subscription registry: which held connections listen on which channel. Sessions ({@code session})
 * subscribe and unsubscribe on their own event loop; the publish stage ({@code publish}) hands each batch to
 * the registry, which runs one delivery task per event loop and calls each {@link
 * dev.tack.proxy.subscription.Subscriber} there. Encoding lives in {@code delivery}.
 *
 * <p>{@link dev.tack.proxy.subscription.ChannelInterest} turns the registry into first/last listener events per
 * channel for the node, which the engine ({@code engine}) forwards to a shared bus and any other input that
 * filters by channel may use too. Node-wide commands ({@code recover}, {@code refresh}, close-by-connection)
 * reach subscribers through the registry and the {@link dev.tack.proxy.subscription.Subscriber} hooks.
 */
package dev.tack.proxy.subscription;
