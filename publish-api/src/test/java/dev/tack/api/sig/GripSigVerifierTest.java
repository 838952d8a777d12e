package dev.tack.api.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GripSigVerifierTest {
    private static final long NOW = 1_700_000_000L;
    /** HS256, key "changeme", {"iss":"pushpin","exp":1700003600}; computed with Python's hmac module. */
    private static final String CHANGEME_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"
            + ".eyJpc3MiOiJwdXNocGluIiwiZXhwIjoxNzAwMDAzNjAwfQ.peoNzXovaO7IPyWazCP8fxwN-UW2nMVvWdjJusj1PiU";
    /** The same claims serialized as Pushpin's Rust signer does (keys sorted): {"exp":1700003600,"iss":"pushpin"}. */
    private static final String PUSHPIN_ORDER_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"
            + ".eyJleHAiOjE3MDAwMDM2MDAsImlzcyI6InB1c2hwaW4ifQ.kLqQZD5BP5GyM4rxs4s7hNTebsh6irVi0yu8Uk7hRKo";
    /** HS256, key "secret", {"iss":"myrealm","exp":1700003600}; computed with Python's hmac module. */
    private static final String SECRET_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"
            + ".eyJpc3MiOiJteXJlYWxtIiwiZXhwIjoxNzAwMDAzNjAwfQ.eCQMxO7UzF31YnMQ-500Kefy-LXDp6XPN0iZZt83sr4";
    /** ES256 signed by `openssl dgst -sha256 -sign ec-p256-sec1.pem`: {"iss":"tack-test","exp":1700003600}. */
    private static final String OPENSSL_ES256_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9"
            + ".eyJpc3MiOiJ0YWNrLXRlc3QiLCJleHAiOjE3MDAwMDM2MDB9"
            + ".KMh9P24mkUNemPW8ZX__WJhhUPbnezNB0XmFqsxoIHM2ZD7049fTPlKGfoP194UiFolS9MmIn3l-w6go4rOejA";
    /** HS256 without exp ("your-256-bit-secret"), from a public test suite. */
    private static final String NO_EXP_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJpYXQiOjE2Njk1OTE2MTEsIm5hbWUiOiJKb2huIERvZSIsInN1YiI6IjEyMzQ1Njc4OTAifQ"
            + ".FUVIl48Ji1mWZa42K1OTG0x_2T0FYOXNACsmeNI2-Kc";

    @Test
    void knownHs256TokenVerifiesWithItsKey() {
        assertTrue(GripSigVerifier.of("changeme", "pushpin").verify(CHANGEME_TOKEN, NOW));
        assertTrue(GripSigVerifier.of("changeme", null).verify(PUSHPIN_ORDER_TOKEN, NOW));
        assertTrue(GripSigVerifier.of("base64:c2VjcmV0", "myrealm").verify(SECRET_TOKEN, NOW));
    }

    @Test
    void wrongKeyIsRejected() {
        assertFalse(GripSigVerifier.of("changemf", null).verify(CHANGEME_TOKEN, NOW));
    }

    @Test
    void expiredTokenIsRejected() {
        GripSigVerifier verifier = GripSigVerifier.of("changeme", null);
        assertTrue(verifier.verify(CHANGEME_TOKEN, 1_700_003_599L));
        assertFalse(verifier.verify(CHANGEME_TOKEN, 1_700_003_600L));
    }

    @Test
    void tokenWithoutExpIsRejected() {
        assertFalse(GripSigVerifier.of("your-256-bit-secret", null).verify(NO_EXP_TOKEN, NOW));
    }

    @Test
    void issuerIsCheckedOnlyWhenExpected() {
        assertFalse(GripSigVerifier.of("changeme", "fastly:SVC").verify(CHANGEME_TOKEN, NOW));
        assertTrue(GripSigVerifier.of("changeme", null).verify(CHANGEME_TOKEN, NOW));
    }

    @Test
    void realFastlyTokenVerifiesWithFastlyKeyInEveryForm() {
        long before = TestKeys.FASTLY_TOKEN_EXP - 60;
        assertTrue(GripSigVerifier.of(TestKeys.FASTLY_JWK, "fastly").verify(TestKeys.FASTLY_TOKEN, before));
        assertTrue(GripSigVerifier.of(TestKeys.FASTLY_PEM, "fastly").verify(TestKeys.FASTLY_TOKEN, before));
        assertTrue(GripSigVerifier.of(TestKeys.FASTLY_BASE64_PEM, null).verify(TestKeys.FASTLY_TOKEN, before));
        assertFalse(GripSigVerifier.of(TestKeys.FASTLY_JWK, "fastly:SVC").verify(TestKeys.FASTLY_TOKEN, before));
        assertFalse(GripSigVerifier.of(TestKeys.FASTLY_JWK, null)
                .verify(TestKeys.FASTLY_TOKEN, TestKeys.FASTLY_TOKEN_EXP));
    }

    @Test
    void standardBase64SignatureSegmentIsAccepted() {
        String standard = TestKeys.FASTLY_TOKEN.replace('_', '/').replace('-', '+');
        assertTrue(GripSigVerifier.of(TestKeys.FASTLY_JWK, "fastly").verify(standard, TestKeys.FASTLY_TOKEN_EXP - 1));
    }

    @Test
    void opensslEs256TokenVerifiesWithPublicPem() {
        GripSigVerifier verifier = GripSigVerifier.of(TestKeys.read("ec-p256-public.pem"), "tack-test");
        assertEquals("ES256", verifier.algorithm());
        assertTrue(verifier.verify(OPENSSL_ES256_TOKEN, NOW));
    }

    @Test
    void upstreamKeyFromPushpinConfigVerifies() {
        GripSigKey upstream = GripSigKey.parse("file:ec-p256-public.pem", TestKeys.dir());
        assertTrue(GripSigVerifier.of(upstream, null).verify(OPENSSL_ES256_TOKEN, NOW));
    }

    @Test
    void hs256TokenIsRejectedByAnEcKey() {
        assertFalse(GripSigVerifier.of(TestKeys.FASTLY_JWK, null).verify(CHANGEME_TOKEN, NOW));
    }

    @Test
    void es256TokenIsRejectedByASecret() {
        assertFalse(GripSigVerifier.of("changeme", null).verify(OPENSSL_ES256_TOKEN, NOW));
    }

    @Test
    void tamperedPayloadIsRejected() {
        String[] parts = CHANGEME_TOKEN.split("\\.");
        String forged = parts[0] + ".eyJpc3MiOiJwdXNocGluIiwiZXhwIjoxODAwMDAzNjAwfQ." + parts[2];
        assertFalse(GripSigVerifier.of("changeme", null).verify(forged, NOW));
    }

    @Test
    void garbageAndEmptyTokensAreRejected() {
        GripSigVerifier verifier = GripSigVerifier.of("changeme", null);
        assertFalse(verifier.verify("", NOW));
        assertFalse(verifier.verify(null, NOW));
        assertFalse(verifier.verify("not.a.jwt", NOW));
        assertFalse(verifier.verify("abc", NOW));
    }

    @Test
    void unsignedTokenIsRejected() {
        // {"alg":"none"}.{"iss":"pushpin","exp":1700003600}.
        String none = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJwdXNocGluIiwiZXhwIjoxNzAwMDAzNjAwfQ.";
        assertFalse(GripSigVerifier.of("changeme", null).verify(none, NOW));
    }

    @Test
    void privateOnlyKeyCannotVerify() {
        assertThrows(IllegalArgumentException.class,
                () -> GripSigVerifier.of(TestKeys.read("ec-p256-pkcs8.pem"), null));
    }

    @Test
    void emptyKeyCannotVerify() {
        assertThrows(IllegalArgumentException.class, () -> GripSigVerifier.of("", null));
    }
}
