/**
 * Engines: how several Tack nodes share publishes through an existing bus instead of a cluster protocol of their
 * own (docs/scale-out.md). {@link dev.tack.proxy.engine.Engine} is the boundary: subscribe and unsubscribe
 * channels (fed, batched, by the registry's first/last listener events in {@code subscription}), publish
 * validated items, node-wide commands, and what comes back through {@link dev.tack.proxy.engine.EngineListener}
 * (items, commands, up / down / resubscribed). The local engine (one node, the default) hands a publish straight
 * back; the Redis engine (Lettuce, on Tack's event loops) and the NATS engine (jnats) put it on the bus.
 * The publish stage ({@code publish}) is the engine's only caller and its listener.
 */
package dev.tack.proxy.engine;
