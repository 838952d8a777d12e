/**
 * The subscription registry: which held connections listen on which channel. Sessions ({@code session})
 * subscribe and unsubscribe on their own event loop; the publish stage ({@code publish}) hands each batch to
 * the registry, which runs one delivery task per event loop and calls each {@link
 * dev.tack.proxy.subscription.Subscriber} there. Encoding lives in {@code delivery}.
 */
package dev.tack.proxy.subscription;
