package dev.tack.api.sig;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Grip-Sig key: an HMAC secret (HS256), or an EC P-256 (ES256) or RSA (RS256) key; the algorithm follows the
 * key type, as in Pushpin (docs/compatibility.md "Grip-Sig"). Two string forms are read:
 * <ul>
 *   <li>{@link #parse(String, Path)}: Pushpin's {@code sig_key} / {@code upstream_key} config values
 *       ({@code changeme}, {@code base64:c2VjcmV0}, {@code file:keys/grip.pem}).</li>
 *   <li>{@link #load(String)}: what the GRIP libraries accept as a key or verify key (a secret,
 *       {@code base64:} of a secret or of a PEM, a PEM text, a JWK in JSON as Fastly publishes its key).</li>
 * </ul>
 * Immutable and thread-safe; {@link #toString()} never shows secret material, and neither do error messages.
 */
public final class GripSigKey {
    private static final GripSigKey NONE = new GripSigKey(null, null, null, "none");
    private static final int MIN_RSA_BITS = 2048;

    private final byte[] secret;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String algorithm;

    private GripSigKey(byte[] secret, PrivateKey privateKey, PublicKey publicKey, String algorithm) {
        this.secret = secret;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
    }

    /** No key: nothing is signed (Pushpin sends no Grip-Sig with an empty {@code sig_key}). */
    public static GripSigKey none() {
        return NONE;
    }

    /** An HS256 secret (copied). */
    public static GripSigKey secret(byte[] secret) {
        return new GripSigKey(Objects.requireNonNull(secret, "secret").clone(), null, null, "HS256");
    }

    /**
     * The first key of a PEM text: a public key, private key or certificate, EC P-256 or RSA of 2048+ bits.
     *
     * @throws IllegalArgumentException naming the PEM block and what was expected
     */
    public static GripSigKey pem(String pem) {
        Key key = Pem.readKey(Objects.requireNonNull(pem, "pem"));
        String algorithm = algorithmOf(key);
        return key instanceof PrivateKey p
                ? new GripSigKey(null, p, null, algorithm)
                : new GripSigKey(null, null, (PublicKey) key, algorithm);
    }

    /**
     * A JSON Web Key: {@code oct} (a secret), {@code EC} on P-256, or {@code RSA}; public or private, e.g.
     * Fastly's Grip-Sig key {@code {"kty":"EC","crv":"P-256","x":"CKo5...","y":"7gwJ..."}}.
     *
     * @throws IllegalArgumentException when the JSON is not such a key
     */
    public static GripSigKey jwk(String json) {
        JWK jwk;
        try {
            jwk = JWK.parse(Objects.requireNonNull(json, "json"));
        } catch (ParseException e) {
            throw new IllegalArgumentException("JWK is not valid: " + e.getMessage()
                    + " (expected: a JSON Web Key with kty oct, EC or RSA)", e);
        }
        try {
            if (jwk instanceof OctetSequenceKey oct) {
                return secret(oct.toByteArray());
            }
            if (jwk instanceof ECKey ec) {
                if (!Curve.P_256.equals(ec.getCurve())) {
                    throw new IllegalArgumentException("JWK curve " + ec.getCurve() + " (expected: P-256 for ES256)");
                }
                return new GripSigKey(null, ec.isPrivate() ? ec.toECPrivateKey() : null, ec.toECPublicKey(), "ES256");
            }
            if (jwk instanceof RSAKey rsa) {
                String algorithm = algorithmOf(rsa.toRSAPublicKey());
                return new GripSigKey(null, rsa.isPrivate() ? rsa.toRSAPrivateKey() : null, rsa.toRSAPublicKey(),
                        algorithm);
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWK key material is not valid: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("JWK kty " + jwk.getKeyType() + " (expected: oct, EC or RSA)");
    }

    /**
     * Reads a Pushpin key config value ({@code sig_key}, route {@code sig_key=}, {@code upstream_key}):
     * {@code ""} is no key; {@code file:<path>} (relative to {@code configDir}) is a file that is PEM when it
     * starts with {@code -----BEGIN} and otherwise a hex-encoded secret; {@code base64:<b64>} is a binary
     * secret; anything else is the UTF-8 bytes of a secret ({@code changeme}).
     *
     * @throws IllegalArgumentException naming the value (never a secret) and what was expected
     */
    public static GripSigKey parse(String configValue, Path configDir) {
        Objects.requireNonNull(configValue, "configValue");
        if (configValue.startsWith("file:")) {
            return fromFile(configValue, configDir);
        }
        if (configValue.isEmpty()) {
            return NONE;
        }
        if (configValue.startsWith("base64:")) {
            return secret(decodeBase64(configValue.substring("base64:".length())));
        }
        return secret(configValue.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a key the way the GRIP libraries do (js-grip {@code loadKey}): {@code base64:<b64>} is decoded first
     * and may hold a PEM or JWK text or a binary secret; a PEM text is a public or private key; JSON with a
     * {@code kty} is a JWK; anything else is the UTF-8 bytes of a secret. {@code ""} is no key.
     *
     * @throws IllegalArgumentException when a PEM, JWK or base64 form is malformed
     */
    public static GripSigKey load(String keyString) {
        Objects.requireNonNull(keyString, "keyString");
        if (keyString.isEmpty()) {
            return NONE;
        }
        if (keyString.startsWith("base64:")) {
            // a '+' in a GRIP_URL query parameter arrives as a space; base64 has no spaces of its own
            byte[] bytes = decodeBase64(keyString.substring("base64:".length()).replace(' ', '+'));
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (Pem.looksLikePem(text) || looksLikeJwk(text)) {
                return load(text);
            }
            return secret(bytes);
        }
        if (Pem.looksLikePem(keyString)) {
            return pem(keyString);
        }
        if (looksLikeJwk(keyString)) {
            return jwk(keyString);
        }
        return secret(keyString.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether there is a key at all. */
    public boolean isPresent() {
        return this != NONE;
    }

    /** The JWS algorithm of this key: {@code HS256}, {@code ES256}, {@code RS256}, or {@code none}. */
    public String algorithm() {
        return algorithm;
    }

    /** Whether this key can sign: a secret or a private key. */
    public boolean canSign() {
        return secret != null || privateKey != null;
    }

    /** Whether this key can verify: a secret or a public key. */
    public boolean canVerify() {
        return secret != null || publicKey != null;
    }

    /** The HMAC secret, or null; shared, not copied. */
    byte[] secretBytes() {
        return secret;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        if (!isPresent()) {
            return "GripSigKey[none]";
        }
        String kind = secret != null ? secret.length + "-byte secret"
                : privateKey != null ? "private key" : "public key";
        return "GripSigKey[" + algorithm + ", " + kind + "]";
    }

    private static GripSigKey fromFile(String configValue, Path configDir) {
        Path path = Path.of(configValue.substring("file:".length()));
        if (!path.isAbsolute() && configDir != null) {
            path = configDir.resolve(path);
        }
        byte[] data;
        try {
            data = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(configValue + ": cannot read " + path + " (" + e
                    + "; expected: a readable key file, relative paths resolve against the config directory)", e);
        }
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.startsWith("-----BEGIN")) {
            try {
                return pem(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(configValue + ": " + e.getMessage(), e);
            }
        }
        try {
            String hex = text.strip();
            if (hex.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return secret(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(configValue + ": " + path + " is neither PEM nor hex ("
                    + e.getMessage() + "; expected: a -----BEGIN PEM block or a hex-encoded secret)", e);
        }
    }

    private static byte[] decodeBase64(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base64:... key is not valid base64 (" + e.getMessage()
                    + "; expected: base64:<standard base64>)", e);
        }
    }

    private static boolean looksLikeJwk(String text) {
        String s = text.strip();
        return s.startsWith("{") && s.contains("\"kty\"");
    }

    private static String algorithmOf(Key key) {
        if (key instanceof java.security.interfaces.ECKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (!Curve.P_256.equals(curve)) {
                throw new IllegalArgumentException("EC key on curve " + (curve == null ? "unknown" : curve)
                        + " (expected: P-256 for ES256)");
            }
            return "ES256";
        }
        if (key instanceof java.security.interfaces.RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new IllegalArgumentException("RSA key of " + bits + " bits (expected: at least "
                        + MIN_RSA_BITS + " bits for RS256)");
            }
            return "RS256";
        }
        throw new IllegalArgumentException("key algorithm " + key.getAlgorithm() + " (expected: EC or RSA)");
    }
}
