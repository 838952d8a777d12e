/**
 * The publisher: timestamped messages sent through a server's HTTP publish API ({@code POST /publish/}
 * with {@code {"items":[...]}}, or Nchan's raw bodies to {@code POST /pub/<channel>}: {@link
 * dev.tack.bench.publish.PublishApi}), either open-loop at a fixed rate (each message
 * stamped with the time it was due, so a slow publish API shows up as latency instead of hiding it) or flat
 * out for a duration. {@link dev.tack.bench.publish.Publisher} owns one event loop and a few pooled
 * connections ({@code HttpPublishClient}); {@link dev.tack.bench.publish.PublishBody} writes the JSON. It
 * also sends the probe rounds that prove every subscription is live. Driven by {@code load}; its send
 * times feed {@code stats.FanoutMath}.
 */
package dev.tack.bench.publish;
