/**
 * The server: {@link dev.tack.proxy.server.TackServer} builds the event loops and collaborators once and binds
 * the client, publish and metrics listeners; {@link dev.tack.proxy.server.ClientHttpHandler} routes each client
 * request to an exchange ({@code origin}) or a WebSocket session. Pipeline slots are named in {@link
 * dev.tack.proxy.server.PipelineNames}.
 */
package dev.tack.proxy.server;
