/**
 * Reads Tack's configuration once at start-up: the command line ({@link dev.tack.proxy.config.Cli}), the
 * {@code pushpin.conf}-format INI file with its {@code [global] [runner] [proxy] [handler]} sections plus
 * Tack's own {@code [tack]} section ({@link dev.tack.proxy.config.ConfigLoader}), and the routes file, which
 * it hands to {@code dev.tack.proxy.route} to parse. The result is one immutable
 * {@link dev.tack.proxy.config.TackConfig} that the composition root passes to the server, origin, publish
 * and metrics packages; nothing here knows about channels. Bad values fail the start with a
 * {@link dev.tack.proxy.config.ConfigException} that names section, key, value and what was expected;
 * unknown keys are logged once and ignored. Facts: docs/compatibility.md "Configuration".
 */
package dev.tack.proxy.config;
