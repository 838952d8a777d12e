/** Property-based tests (jqwik) of the decoders that take outside input. */
package dev.tack.api.properties;
