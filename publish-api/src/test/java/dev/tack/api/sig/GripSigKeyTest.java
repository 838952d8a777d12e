package dev.tack.api.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GripSigKeyTest {

    @Test
    void emptyConfigValueIsNoKey() {
        GripSigKey key = GripSigKey.parse("", Path.of("/etc/pushpin"));
        assertFalse(key.isPresent());
        assertFalse(key.canSign());
        assertEquals("none", key.algorithm());
    }

    @Test
    void plainConfigValueIsUtf8Secret() {
        GripSigKey key = GripSigKey.parse("changeme", null);
        assertEquals("HS256", key.algorithm());
        assertEquals("changeme", new String(key.secretBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void base64ConfigValueIsBinarySecret() {
        GripSigKey key = GripSigKey.parse("base64:AAECAw==", null);
        assertEquals("HS256", key.algorithm());
        assertEquals(4, key.secretBytes().length);
        assertEquals(3, key.secretBytes()[3]);
    }

    @Test
    void invalidBase64ConfigValueNamesTheFormWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GripSigKey.parse("base64:not*base64", null));
        assertTrue(e.getMessage().contains("expected: base64:<standard base64>"), e.getMessage());
        assertFalse(e.getMessage().contains("not*base64"), e.getMessage());
    }

    @Test
    void fileConfigValueWithHexIsBinarySecretRelativeToConfigDir() {
        GripSigKey key = GripSigKey.parse("file:secret-hex.txt", TestKeys.dir());
        assertEquals("secret", new String(key.secretBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void fileConfigValueWithAbsolutePathIgnoresConfigDir() {
        Path absolute = TestKeys.dir().resolve("secret-hex.txt").toAbsolutePath();
        GripSigKey key = GripSigKey.parse("file:" + absolute, Path.of("/nonexistent"));
        assertEquals("HS256", key.algorithm());
    }

    @Test
    void fileConfigValueWithEcPemIsEs256() {
        GripSigKey key = GripSigKey.parse("file:ec-p256-sec1.pem", TestKeys.dir());
        assertEquals("ES256", key.algorithm());
        assertTrue(key.canSign());
    }

    @Test
    void fileConfigValueWithRsaPemIsRs256() {
        GripSigKey key = GripSigKey.parse("file:rsa-2048-pkcs1.pem", TestKeys.dir());
        assertEquals("RS256", key.algorithm());
        assertTrue(key.canSign());
    }

    @Test
    void missingKeyFileNamesValueAndPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GripSigKey.parse("file:nope.pem", Path.of("/etc/pushpin")));
        assertTrue(e.getMessage().startsWith("file:nope.pem: cannot read /etc/pushpin/nope.pem"), e.getMessage());
    }

    @Test
    void keyFileThatIsNeitherPemNorHexIsRejected(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("k"), "not hex\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GripSigKey.parse("file:k", dir));
        assertTrue(e.getMessage().contains("is neither PEM nor hex"), e.getMessage());
    }

    @Test
    void pemFormsAllParse() {
        assertEquals("ES256", GripSigKey.pem(TestKeys.read("ec-p256-sec1.pem")).algorithm());
        assertEquals("ES256", GripSigKey.pem(TestKeys.read("ec-p256-pkcs8.pem")).algorithm());
        assertEquals("ES256", GripSigKey.pem(TestKeys.read("ec-p256-public.pem")).algorithm());
        assertEquals("RS256", GripSigKey.pem(TestKeys.read("rsa-2048-pkcs1.pem")).algorithm());
        assertEquals("RS256", GripSigKey.pem(TestKeys.read("rsa-2048-public.pem")).algorithm());
        assertEquals("ES256", GripSigKey.pem(TestKeys.FASTLY_PEM).algorithm());
    }

    @Test
    void publicPemCanVerifyButNotSign() {
        GripSigKey key = GripSigKey.pem(TestKeys.read("ec-p256-public.pem"));
        assertTrue(key.canVerify());
        assertFalse(key.canSign());
    }

    @Test
    void ecKeyOnAnotherCurveIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GripSigKey.pem(TestKeys.read("ec-p384-sec1.pem")));
        assertTrue(e.getMessage().contains("expected: P-256 for ES256"), e.getMessage());
    }

    @Test
    void unsupportedPemBlockIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GripSigKey.pem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                        + "-----END ENCRYPTED PRIVATE KEY-----\n"));
        assertTrue(e.getMessage().startsWith("PEM block ENCRYPTED PRIVATE KEY"), e.getMessage());
    }

    @Test
    void truncatedPemIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GripSigKey.pem("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n"));
        assertTrue(e.getMessage().contains("no complete"), e.getMessage());
    }

    @Test
    void garbledPemBodyIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GripSigKey.pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
        assertTrue(e.getMessage().startsWith("PEM PUBLIC KEY block is not a valid EC or RSA key"), e.getMessage());
    }

    @Test
    void libraryStringFormsLoad() {
        assertEquals("HS256", GripSigKey.load("changeme").algorithm());
        assertEquals("secret", new String(GripSigKey.load("base64:c2VjcmV0").secretBytes(), StandardCharsets.UTF_8));
        assertEquals("ES256", GripSigKey.load(TestKeys.FASTLY_PEM).algorithm());
        assertEquals("ES256", GripSigKey.load(TestKeys.FASTLY_BASE64_PEM).algorithm());
        assertEquals("ES256", GripSigKey.load(TestKeys.FASTLY_JWK).algorithm());
        assertFalse(GripSigKey.load("").isPresent());
    }

    @Test
    void octJwkIsSecret() {
        GripSigKey key = GripSigKey.load("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");
        assertEquals("secret", new String(key.secretBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void jwkOnAnotherCurveIsRejected() {
        String p384 = "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"AAAA\",\"y\":\"AAAA\"}";
        assertThrows(IllegalArgumentException.class, () -> GripSigKey.load(p384));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertEquals("GripSigKey[HS256, 8-byte secret]", GripSigKey.parse("changeme", null).toString());
    }
}
