package dev.tack.api.sig;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Date;
import java.util.Objects;

/**
 * Checks a {@code Grip-Sig} token: the signature under the configured key, with the key's own algorithm (the
 * token's {@code alg} must match it, so an HS256 token can never pass for an ES256 key), {@code exp} present
 * and after now (no leeway, as Pushpin), and {@code iss} equal to the expected issuer when one is given (the
 * GRIP libraries' {@code verify-iss}; Pushpin itself does not check it). For example Fastly's key and issuer:
 * <pre>
 * GripSigVerifier.of("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"CKo5A1eb...\",\"y\":\"7gwJqaU6...\"}", "fastly:SVC")
 * </pre>
 * Signature segments in standard base64 ({@code +}, {@code /}, {@code =}) are accepted as well as base64url:
 * Fastly has been seen sending them. Thread-safe.
 */
public final class GripSigVerifier {
    private final JWSVerifier verifier;
    private final JWSAlgorithm algorithm;
    private final String expectedIss;

    private GripSigVerifier(JWSVerifier verifier, JWSAlgorithm algorithm, String expectedIss) {
        this.verifier = verifier;
        this.algorithm = algorithm;
        this.expectedIss = expectedIss;
    }

    /**
     * A verifier for a key written as the GRIP libraries take it (see {@link GripSigKey#load}): a secret,
     * {@code base64:} of a secret or a PEM, a PEM public key, or a JWK in JSON.
     *
     * @param expectedIss the issuer tokens must carry, or null to accept any
     * @throws IllegalArgumentException when the key is empty, malformed, or private-only
     */
    public static GripSigVerifier of(String keySpec, String expectedIss) {
        return of(GripSigKey.load(Objects.requireNonNull(keySpec, "keySpec")), expectedIss);
    }

    /**
     * A verifier for a parsed key, e.g. Pushpin's {@code upstream_key} from {@link GripSigKey#parse}.
     *
     * @param expectedIss the issuer tokens must carry, or null to accept any
     * @throws IllegalArgumentException when the key cannot verify (none, or a private key without its public half)
     */
    public static GripSigVerifier of(GripSigKey key, String expectedIss) {
        Objects.requireNonNull(key, "key");
        if (!key.canVerify()) {
            throw new IllegalArgumentException("Grip-Sig verify key " + key
                    + " cannot verify (expected: a secret, a public key, or a JWK with its public part)");
        }
        JWSVerifier verifier;
        try {
            if (key.secretBytes() != null) {
                verifier = new Hs256(key.secretBytes());
            } else if (key.publicKey() instanceof ECPublicKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else {
                verifier = new RSASSAVerifier((RSAPublicKey) key.publicKey());
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Grip-Sig verify key " + key + " is not usable: " + e.getMessage(), e);
        }
        return new GripSigVerifier(verifier, JWSAlgorithm.parse(key.algorithm()), expectedIss);
    }

    /** Whether {@code token} is signed with this key, unexpired at {@code nowEpochSeconds}, from the right issuer. */
    public boolean verify(String token, long nowEpochSeconds) {
        if (token == null || token.isBlank()) {
            return false;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(toBase64Url(token.strip()));
            if (!algorithm.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return false;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || exp.getTime() / 1000L <= nowEpochSeconds) {
                return false;
            }
            return expectedIss == null || expectedIss.equals(claims.getIssuer());
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return false;
        }
    }

    /** The algorithm tokens must use: HS256, ES256 or RS256. */
    public String algorithm() {
        return algorithm.getName();
    }

    private static String toBase64Url(String token) {
        return token.replace('+', '-').replace('/', '_').replace("=", "");
    }
}
