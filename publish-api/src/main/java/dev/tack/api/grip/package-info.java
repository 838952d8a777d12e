/**
 * GRIP instructions from the origin, parsed once into immutable values: {@link
 * dev.tack.api.grip.GripInstructionParser} reads {@code Grip-*} response headers and {@code
 * application/grip-instruct} JSON bodies into a {@link dev.tack.api.grip.GripInstruction} (hold mode, channels,
 * timeout, keep-alive, meta, and the response the client sees), with Pushpin's defaults and exact error texts.
 * {@link dev.tack.api.grip.HeaderValues} is the header-value grammar (comma lists, quoted parameters) behind every
 * {@code Grip-*} header, {@link dev.tack.api.grip.StatusReasons} the reason-phrase table, and {@link
 * dev.tack.api.grip.JsonFields} the Pushpin-style JSON field readers that the publish codec ({@code
 * dev.tack.api.publish}) shares. The proxy's {@code grip} stage calls the parser; sessions consume the result.
 * Nothing here touches Netty.
 */
package dev.tack.api.grip;
