/**
 * Loopback tests of how Tack holds up under abuse (docs/reliability.md): connection limits, descriptor exhaustion,
 * protocol errors, timeouts, slow consumers, publish authentication, graceful drain and the safer defaults. Each
 * failed on the code before issue 11 and passes now.
 */
package dev.tack.proxy.hardening;
