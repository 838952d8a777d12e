/**
 * The small examples the GRIP libraries ship, one transport each, all on channel {@code test} (so the
 * starter kits' {@code curl -d '{"items":[{"channel":"test",...}]}' http://127.0.0.1:5561/publish/} reaches
 * them): a long-poll ({@code /api/long-poll}), an HTTP stream ({@code /api/stream} and {@code /api/publish}) and a
 * WebSocket echo with broadcast ({@code /api/echo} and {@code /api/broadcast}). The page {@code /examples.html}
 * tries them in a browser.
 */
package dev.tack.demo.examples;
