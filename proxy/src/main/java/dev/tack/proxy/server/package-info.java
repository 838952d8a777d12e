/**
 * The server: {@link dev.tack.proxy.server.TackServer} is the composition root (event loops, registry, the one
 * origin call, signers, metrics, the time source) and binds the client, publish and metrics listeners; {@link
 * dev.tack.proxy.server.ClientHttpHandler} routes each client request ({@code route}) and runs it as a {@code
 * session.ProxySession}, or hands a WebSocket upgrade to {@code ws}. Every pipeline slot is listed in {@link
 * dev.tack.proxy.server.PipelineNames}. The map of packages is docs/architecture.md.
 */
package dev.tack.proxy.server;
