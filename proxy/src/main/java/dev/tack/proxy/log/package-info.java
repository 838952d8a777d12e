/**
 * Logging. Every package logs through the SLF4J API; {@link dev.tack.proxy.log.TackLogging}, called once by the
 * composition root, points it at standard output in Pushpin's line format,
 * {@code [INFO] 2024-02-05 17:25:00.874 [tack] message} (see {@code docs/operations.md}), so that tools that
 * read Pushpin's output (the Fastly CLI waits for a line ending in {@code started} and re-labels lines by their
 * {@code [LEVEL]} prefix) read Tack's; or as one JSON object per line for log collectors. Lines about one
 * client connection carry its id and route ({@link dev.tack.proxy.log.ConnectionLog}).
 */
package dev.tack.proxy.log;
