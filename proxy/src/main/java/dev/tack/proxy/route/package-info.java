/**
 * Decides which origin a client request goes to. {@link dev.tack.proxy.route.RoutesParser} reads Pushpin's
 * routes file syntax into {@link dev.tack.proxy.route.Route} records (a condition: host, protocol, TLS, path
 * prefix, id; options such as {@code path_rem}, {@code as_host}, {@code sig_key}; and the
 * {@link dev.tack.proxy.route.Target}s to try in order), and {@link dev.tack.proxy.route.RouteTable}
 * picks the route for a request by host, path, protocol and TLS, or by id for the {@code Pushpin-Route}
 * header. {@code config} calls the parser at start-up; the server's request handler asks the table and hands
 * the route to the origin client. No Netty types here. Facts: docs/compatibility.md "Routes".
 */
package dev.tack.proxy.route;
