/**
 * Time as Tack's timers see it: {@link dev.tack.proxy.time.TimeSource} is handed to every part that waits for
 * something (holds, keep-alives, WebSocket and origin timers, the publish sequencer), so tests drive time rather
 * than sleep. A leaf: it uses nothing else in Tack, and every package may use it.
 */
package dev.tack.proxy.time;
