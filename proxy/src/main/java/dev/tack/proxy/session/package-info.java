/**
 * One client request from the moment it is routed: {@link dev.tack.proxy.session.ProxySession} proxies it through
 * {@code origin}'s one call and either relays a plain answer ({@link dev.tack.proxy.session.ResponseRelay}) or
 * accepts a GRIP instruction ({@link dev.tack.proxy.session.GripAccept}) and hands the connection to a hold: {@link
 * dev.tack.proxy.session.ResponseHold} (long-poll) or {@link dev.tack.proxy.session.StreamHold} (HTTP streaming,
 * SSE, and responses that continue through next links). Holds subscribe through the registry ({@code subscription}),
 * receive published items as {@link dev.tack.proxy.subscription.Subscriber}s and write them through bounded outboxes
 * ({@code delivery}); their timers come from the {@code time} source.
 *
 * <p>Reliable GRIP (docs/compatibility.md "Holds and reliability") lives here too: every held connection takes
 * published items through a {@link dev.tack.proxy.session.PublishFlow} (prev-ids, {@code content-filters}, the
 * {@code filter} rules over {@link dev.tack.proxy.session.HoldChannels}); streams follow next links
 * ({@code StreamLinks}, {@code NextLinkFetch}) and long-polls ask their origin again (through the
 * {@link dev.tack.proxy.session.HeldRequest}), both paced and merged for the whole node by
 * {@link dev.tack.proxy.session.ReliableGrip} (channel states, update limiter, shared fetches). WebSocket sessions
 * live in {@code ws} and use {@link dev.tack.proxy.session.Subscriptions}, {@link dev.tack.proxy.session.HoldContext},
 * {@link dev.tack.proxy.session.HoldChannels} and {@link dev.tack.proxy.session.PublishFlow} from here.
 */
package dev.tack.proxy.session;
