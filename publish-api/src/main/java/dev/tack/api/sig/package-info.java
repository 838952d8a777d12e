/**
 * Grip-Sig: the JWT a GRIP proxy puts on every request to an origin so the origin can tell it came through the
 * proxy (docs/compatibility.md "Grip-Sig", "Fastly"). Claims are exactly {@code iss} and {@code exp}; the key type
 * picks the algorithm (secret: HS256, EC P-256: ES256, RSA: RS256). On the wire:
 * <pre>
 * POST /chat HTTP/1.1
 * Grip-Sig:
 * eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJwdXNocGluIiwiZXhwIjoxNzAwMDAzNjAwfQ.peoNzXovaO7IPyWazCP8fxwN-UW2nMVvWdjJusj1PiU
 * </pre>
 * (HS256, key {@code changeme}, {@code {"iss":"pushpin","exp":1700003600}}). {@link dev.tack.api.sig.GripSigKey}
 * reads Pushpin's key config strings and the GRIP libraries' key strings, {@link dev.tack.api.sig.GripSigner} is
 * used by the proxy's origin client, {@link dev.tack.api.sig.GripSigVerifier} by origins and by the proxy for
 * {@code upstream_key}. JWS work goes through nimbus-jose-jwt; PEM reading and short-key HMAC use the JDK.
 */
package dev.tack.api.sig;
