/**
 * Publishing: the HTTP publish API ({@code /publish/}, {@code /service/{id}/publish/}) on the publish port,
 * its authentication, and {@link dev.tack.proxy.publish.PublishService}, which encodes each item once
 * ({@code delivery}) and hands it to the registry ({@code subscription}) for fan-out.
 */
package dev.tack.proxy.publish;
