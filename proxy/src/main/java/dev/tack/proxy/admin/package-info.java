/**
 * The metrics port ({@code prometheus_port}, loopback unless an address is given): the Prometheus text
 * exposition of {@code metrics} on any path, as Pushpin's endpoint, and a live status page at {@code /status}
 * (plain HTML and JavaScript from the jar) fed once a second over Server-Sent Events with connections by
 * transport, the busiest channels (counted on request by every event loop), publish and delivery rates,
 * drops, event-loop backlogs, origin health per route, uptime and a configuration summary. Optional bearer
 * token: {@code [tack] admin_bearer_token}. Neighbours: {@code metrics} and {@code subscription}; {@code server}
 * binds the port. See {@code docs/operations.md}.
 */
package dev.tack.proxy.admin;
