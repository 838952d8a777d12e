package dev.tack.api.sig;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPrivateKey;
import java.util.Date;
import java.util.Objects;

/**
 * Makes the {@code Grip-Sig} token a proxy puts on every request to a GRIP origin: a JWT whose claims are
 * exactly {@code {"iss":"pushpin","exp":1700003600}} ({@code exp} = now + one hour), signed with the key's
 * algorithm (docs/compatibility.md "Grip-Sig"). With key {@code changeme} at now = 1700000000:
 * <pre>
 * Grip-Sig:
 * eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJwdXNocGluIiwiZXhwIjoxNzAwMDAzNjAwfQ.peoNzXovaO7IPyWazCP8fxwN-UW2nMVvWdjJusj1PiU
 * </pre>
 * Thread-safe; signing is cheap for HS256, an ECDSA signature per call for ES256.
 */
public final class GripSigner {
    /** Pushpin's token lifetime: {@code exp = now + 3600}. */
    public static final long DEFAULT_LIFETIME_SECONDS = 3600;

    private final JWSSigner signer;
    private final JWSHeader header;
    private final String iss;
    private final long lifetimeSeconds;

    /** A signer with Pushpin's one-hour lifetime. */
    public GripSigner(GripSigKey key, String iss) {
        this(key, iss, DEFAULT_LIFETIME_SECONDS);
    }

    /**
     * A signer whose tokens expire {@code lifetimeSeconds} after signing (the GRIP libraries use 600 for
     * publish authorization).
     *
     * @throws IllegalArgumentException when the key cannot sign (none, or a public key) or the lifetime is not positive
     */
    public GripSigner(GripSigKey key, String iss, long lifetimeSeconds) {
        Objects.requireNonNull(key, "key");
        this.iss = Objects.requireNonNull(iss, "iss");
        if (!key.canSign()) {
            throw new IllegalArgumentException("Grip-Sig key " + key
                    + " cannot sign (expected: a secret or a PEM/JWK private key)");
        }
        if (lifetimeSeconds <= 0) {
            throw new IllegalArgumentException("token lifetime: " + lifetimeSeconds + " (expected: positive seconds)");
        }
        this.lifetimeSeconds = lifetimeSeconds;
        this.signer = signerFor(key);
        this.header = new JWSHeader.Builder(JWSAlgorithm.parse(key.algorithm())).type(JOSEObjectType.JWT).build();
    }

    /** A token valid until {@code nowEpochSeconds} + the lifetime, in compact form. */
    public String sign(long nowEpochSeconds) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(iss)
                .expirationTime(new Date((nowEpochSeconds + lifetimeSeconds) * 1000L))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a Grip-Sig token with " + header.getAlgorithm() + " failed", e);
        }
        return jwt.serialize();
    }

    /** The JWS algorithm of the tokens: HS256, ES256 or RS256. */
    public String algorithm() {
        return header.getAlgorithm().getName();
    }

    private static JWSSigner signerFor(GripSigKey key) {
        if (key.secretBytes() != null) {
            return new Hs256(key.secretBytes());
        }
        try {
            if (key.privateKey() instanceof ECPrivateKey ec) {
                return new ECDSASigner(ec);
            }
            return new RSASSASigner(key.privateKey());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Grip-Sig key " + key + " cannot sign: " + e.getMessage(), e);
        }
    }
}
