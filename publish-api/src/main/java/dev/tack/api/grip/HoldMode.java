package dev.tack.api.grip;

/**
 * How the origin asked Tack to hold the client's request ({@code Grip-Hold}, docs/compatibility.md "GRIP
 * instructions"). {@code RESPONSE} is a long-poll: the response waits for one publish or the timeout. {@code STREAM}
 * sends the response head and body at once and appends published content for as long as the client stays.
 */
public enum HoldMode {
    RESPONSE, STREAM
}
