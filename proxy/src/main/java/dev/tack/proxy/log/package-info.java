/**
 * Sets up logging: java.util.logging with one handler that writes Pushpin's line format to standard output,
 * {@code [INFO] 2024-02-05 17:25:00.874 [tack] message} (docs/compatibility.md "Logs"), so that
 * tools reading Pushpin's output (the Fastly CLI waits for a line ending in {@code started} and re-labels
 * lines by their {@code [LEVEL]} prefix) read Tack's. The composition root calls
 * {@link dev.tack.proxy.log.TackLogging#install(int)} once with the configured level; every other package
 * just uses {@code java.util.logging.Logger}.
 */
package dev.tack.proxy.log;
