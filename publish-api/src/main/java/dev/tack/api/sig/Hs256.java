package dev.tack.api.sig;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 for secrets of any length. Nimbus's own MAC signer refuses secrets under 256 bits, but Pushpin's
 * default {@code sig_key} is {@code changeme} (8 bytes) and GRIP setups use such keys everywhere, so the HMAC
 * is computed here with the JDK. Thread-safe: a {@link Mac} is made per call.
 */
final class Hs256 implements JWSSigner, JWSVerifier {
    private final SecretKeySpec key;
    private final JCAContext jca = new JCAContext();

    Hs256(byte[] secret) {
        // HMAC pads its key with zeros to the block size, so an empty key and a single zero byte are the same
        // key; SecretKeySpec rejects the empty one.
        this.key = new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256");
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        return Base64URL.encode(mac(signingInput));
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || header.getCriticalParams() != null) {
            return false;
        }
        return MessageDigest.isEqual(mac(signingInput), signature.decode());
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.HS256);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }

    private byte[] mac(byte[] input) throws JOSEException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new JOSEException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }
}
