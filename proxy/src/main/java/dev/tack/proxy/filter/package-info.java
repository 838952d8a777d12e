/**
 * Publish filters: the per-channel rules a subscription names ({@code Grip-Channel: room; filter=skip-self},
 * JSON instruct {@code filters}, WebSocket {@code c:subscribe} {@code filters}) that decide, per published message
 * and per subscriber, whether the message is sent, dropped, or sent with changed content. The rules and the
 * Pushpin versions they follow are listed in docs/compatibility.md, "Reliable GRIP".
 *
 * <p>A rule engine only, with no Netty types: the inputs are a {@link dev.tack.proxy.filter.FilterContext}
 * (subscription meta, publish meta, the connection's channels and their prev-ids, the request URIs) and the content;
 * the output is a {@link dev.tack.proxy.filter.FilterResult} (send this content, drop, or an error to surface).
 * Sessions ({@code session}) build a {@link dev.tack.proxy.filter.MessageFilterChain} once per subscribed channel
 * and run it for each message; {@link dev.tack.proxy.filter.FilterNames} tells them whether a published format's
 * {@code content-filters} match the subscription; {@link dev.tack.proxy.filter.ResponseContentFilter} runs over the
 * hold's first response body and next-link bodies. The {@code http-check} and {@code http-modify} filters ask the
 * origin about each message: their wire format lives here ({@link dev.tack.proxy.filter.HttpFilterCall},
 * {@link dev.tack.proxy.filter.HttpFilterReply}), the HTTP call itself comes in through
 * {@link dev.tack.proxy.filter.HttpFilterClient} (the origin client), so a chain that holds one of them answers
 * asynchronously.
 */
package dev.tack.proxy.filter;
