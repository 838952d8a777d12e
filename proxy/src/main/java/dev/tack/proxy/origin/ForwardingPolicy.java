package dev.tack.proxy.origin;

/**
 * How {@code X-Forwarded-*} headers are treated ({@code [proxy]} keys, docs/compatibility.md "Requests to the origin").
 *
 * @param acceptXForwardedProtocol trust a client's {@code X-Forwarded-Proto: https|wss} as TLS
 * @param setXForwardedProtocol {@code ""} (leave alone), {@code proto-only} or {@code true}
 * @param xForwardedFor rule for untrusted clients, e.g. {@code truncate:0,append}
 * @param xForwardedForTrusted rule for trusted clients
 * @param cdnLoop added to the {@code CDN-Loop} header of origin requests (RFC 8586); empty: left alone
 */
public record ForwardingPolicy(boolean acceptXForwardedProtocol, String setXForwardedProtocol, String xForwardedFor,
        String xForwardedForTrusted, String cdnLoop) {

    public static ForwardingPolicy none() {
        return new ForwardingPolicy(false, "", "", "", "");
    }
}
