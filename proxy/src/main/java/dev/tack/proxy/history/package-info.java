/**
 * Channel history, so that clients that reconnect get what they missed with no change to the origin
 * (docs/history.md). {@link dev.tack.proxy.history.History} is the node's side: the receiving stage ({@code publish})
 * stores each item of a history channel after sequencing, in this process's memory, or the Redis engine ({@code
 * engine}) has stored it in a stream of its own when it published it; either way the item carries its position
 * ({@link dev.tack.proxy.delivery.StreamPosition}). Holds ({@code session}, {@code ws}) take a
 * {@link dev.tack.proxy.history.Resume} for the client's {@link dev.tack.proxy.history.ResumeRequest} and register it
 * in the registry ({@code subscription}) in front of themselves: at subscribe time it reads a snapshot, replays
 * through the hold's own delivery path, and passes live items on without a gap or a duplicate at the boundary.
 * Positions are Tack's tokens, publisher ids, or composites of both ({@code Tokens}).
 */
package dev.tack.proxy.history;
