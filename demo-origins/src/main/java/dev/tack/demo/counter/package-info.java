/**
 * The live counter (seed B, Fastly's live counter demo): browsers hold a Server-Sent Events stream on
 * {@code counter-<id>} at the proxy, and every {@code POST /counter/<id>} increments the counter and publishes the
 * new value to that channel through the Fastly-style publish path ({@code /service/<id>/publish/} with
 * {@code Fastly-Key}). The page {@code /counter.html} shows the value live.
 */
package dev.tack.demo.counter;
