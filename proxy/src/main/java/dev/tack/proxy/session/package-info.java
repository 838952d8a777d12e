/**
 * One client request from the moment it is routed: {@link dev.tack.proxy.session.ProxySession} proxies it through
 * {@code origin}'s one call and either relays a plain answer ({@link dev.tack.proxy.session.ResponseRelay}) or
 * accepts a GRIP instruction ({@link dev.tack.proxy.session.GripAccept}) and hands the connection to a hold: {@link
 * dev.tack.proxy.session.ResponseHold} (long-poll) or {@link dev.tack.proxy.session.StreamHold} (HTTP streaming,
 * SSE). Holds subscribe through the registry ({@code subscription}), receive published items as {@link
 * dev.tack.proxy.subscription.Subscriber}s and write them through bounded outboxes ({@code delivery}); their timers
 * come from the {@code time} source. WebSocket sessions live in {@code ws} and use {@link
 * dev.tack.proxy.session.Subscriptions} and {@link dev.tack.proxy.session.HoldContext} from here.
 */
package dev.tack.proxy.session;
