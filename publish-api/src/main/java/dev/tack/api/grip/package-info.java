/**
 * GRIP instructions from the origin, parsed once into immutable values: {@link
 * dev.tack.api.grip.GripInstructionParser} reads {@code Grip-*} response headers and {@code
 * application/grip-instruct} JSON bodies into a {@link dev.tack.api.grip.GripInstruction} (hold mode, channels,
 * timeout, keep-alive, meta, and the response the client sees), with Pushpin's defaults and exact error texts.
 * {@link dev.tack.api.grip.HeaderValues} is the header-value grammar (comma lists, quoted parameters) behind every
 * {@code Grip-*} header, {@link dev.tack.api.grip.StatusReasons} the reason-phrase table, and {@link
 * dev.tack.api.grip.JsonFields} the Pushpin-style JSON field readers that the publish codec ({@code
 * dev.tack.api.publish}) shares. Reliable GRIP: {@link dev.tack.api.grip.NextLink} is a {@code Grip-Link; rel=next}
 * with its timeout and Pushpin's retry schedule, {@link dev.tack.api.grip.LinkUris} reads and resolves link URIs (RFC
 * 3986) and decides whether one points back at the proxy, and {@link dev.tack.api.grip.GripLast} writes and reads the
 * {@code Grip-Last} request header and the key that merges identical next-link fetches. The proxy's {@code grip}
 * stage calls the parser; sessions consume the result. Nothing here touches Netty.
 */
package dev.tack.api.grip;
