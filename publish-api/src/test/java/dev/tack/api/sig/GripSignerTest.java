package dev.tack.api.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GripSignerTest {
    private static final long NOW = 1_700_000_000L;

    @Test
    void hs256TokenWithChangemeMatchesKnownAnswer() {
        // expected value computed independently with Python's hmac module
        assertEquals("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJwdXNocGluIiwiZXhwIjoxNzAwMDAzNjAwfQ"
                + ".peoNzXovaO7IPyWazCP8fxwN-UW2nMVvWdjJusj1PiU",
                new GripSigner(GripSigKey.parse("changeme", null), "pushpin").sign(NOW));
    }

    @Test
    void hs256TokenWithBinaryKeyMatchesKnownAnswer() {
        GripSigKey key = GripSigKey.parse("base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", null);
        assertEquals("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJwdXNocGluIiwiZXhwIjoxNzAwMDAzNjAwfQ"
                + ".7Lv2J3gOV8bdcHB0zz9kKUfoFZ-1icqfs-A6lx8Aj3o",
                new GripSigner(key, "pushpin").sign(NOW));
    }

    @Test
    void claimsAreExactlyIssAndExpOneHourAhead() {
        String token = new GripSigner(GripSigKey.parse("secret", null), "tack").sign(NOW);
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertEquals("{\"iss\":\"tack\",\"exp\":1700003600}", payload);
    }

    @Test
    void customLifetimeSetsExp() {
        String token = new GripSigner(GripSigKey.parse("secret", null), "tack", 600).sign(NOW);
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertEquals("{\"iss\":\"tack\",\"exp\":1700000600}", payload);
    }

    @Test
    void es256RoundTripsWithGeneratedP256Key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());

        GripSigner signer = new GripSigner(GripSigKey.pem(privatePem), "fastly:SVC");
        assertEquals("ES256", signer.algorithm());
        String token = signer.sign(NOW);
        assertTrue(GripSigVerifier.of(publicPem, "fastly:SVC").verify(token, NOW));
    }

    @Test
    void rs256RoundTripsWithPkcs1Key() {
        GripSigner signer = new GripSigner(GripSigKey.pem(TestKeys.read("rsa-2048-pkcs1.pem")), "pushpin");
        assertEquals("RS256", signer.algorithm());
        assertTrue(GripSigVerifier.of(TestKeys.read("rsa-2048-public.pem"), "pushpin").verify(signer.sign(NOW), NOW));
    }

    @Test
    void publicKeyCannotSign() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GripSigner(GripSigKey.pem(TestKeys.FASTLY_PEM), "x"));
        assertTrue(e.getMessage().contains("cannot sign"), e.getMessage());
    }

    @Test
    void noKeyCannotSign() {
        assertThrows(IllegalArgumentException.class, () -> new GripSigner(GripSigKey.none(), "pushpin"));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
