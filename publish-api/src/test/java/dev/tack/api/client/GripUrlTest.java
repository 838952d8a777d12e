package dev.tack.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import dev.tack.api.sig.GripSigKey;
import dev.tack.api.sig.GripSigner;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GripUrlTest {
    private static final String FASTLY_JWK = "{\"kty\":\"EC\",\"crv\":\"P-256\","
            + "\"x\":\"CKo5A1ebyFcnmVV8SE5On-8G81JyBjSvcrx4VLetWCg\","
            + "\"y\":\"7gwJqaU6N8TP88--twjkwoB36f-pT3QsmI46nPhjO7M\"}";

    @Test
    void plainPushpinUrlHasNoAuthAndPublishesToPublish() {
        GripUrl url = GripUrl.parse("http://127.0.0.1:5561/");
        assertEquals(URI.create("http://127.0.0.1:5561/"), url.controlUri());
        assertEquals(URI.create("http://127.0.0.1:5561/publish/"), url.publishUri());
        assertEquals(List.of(), url.authorizationHeaders(0));
        assertEquals(Optional.empty(), url.verifier());
        assertFalse(url.isFastly());
    }

    @Test
    void urlWithoutTrailingSlashPublishesToPublish() {
        assertEquals(URI.create("http://h:5561/publish/"), GripUrl.parse("http://h:5561").publishUri());
    }

    @Test
    void issAndKeyGiveHs256BearerJwtForTenMinutes() {
        GripUrl url = GripUrl.parse("http://h/?iss=myrealm&key=base64:c2VjcmV0");
        assertEquals("myrealm", url.iss());
        // HS256, key "secret", {"iss":"myrealm","exp":1700003600}; computed independently with Python's hmac
        assertEquals(List.of(new Header("Authorization", "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"
                        + ".eyJpc3MiOiJteXJlYWxtIiwiZXhwIjoxNzAwMDAzNjAwfQ"
                        + ".eCQMxO7UzF31YnMQ-500Kefy-LXDp6XPN0iZZt83sr4")),
                url.authorizationHeaders(1_700_003_000L));
        assertEquals(URI.create("http://h/publish/"), url.publishUri());
    }

    @Test
    void symmetricJwtKeyAlsoVerifiesGripSig() {
        GripUrl url = GripUrl.parse("http://127.0.0.1:5561/?iss=pushpin&key=changeme");
        String gripSig = new GripSigner(GripSigKey.parse("changeme", null), "pushpin").sign(1000);
        assertTrue(url.verifier().orElseThrow().verify(gripSig, 1000));
    }

    @Test
    void keyAloneIsBearerToken() {
        GripUrl url = GripUrl.parse("http://h/?key=TOKEN_abc");
        assertEquals(List.of(new Header("Authorization", "Bearer TOKEN_abc")), url.authorizationHeaders(0));
        assertEquals(Optional.empty(), url.verifier());
    }

    @Test
    void userInfoIsBasicAuthAndLeavesTheUri() {
        GripUrl url = GripUrl.parse("http://user:pw@h/");
        assertEquals("user", url.user());
        assertEquals("pw", url.password());
        assertEquals(URI.create("http://h/"), url.controlUri());
        assertEquals(List.of(new Header("Authorization", "Basic dXNlcjpwdw==")), url.authorizationHeaders(0));
    }

    @Test
    void userInfoIsPercentDecoded() {
        GripUrl url = GripUrl.parse("http://us%40er:p+w%3A@h/");
        assertEquals("us@er", url.user());
        assertEquals("p+w:", url.password());
    }

    @Test
    void fastlyUrlPublishesToServicePathWithFastlyKey() {
        GripUrl url = GripUrl.parse("https://api.fastly.com/service/SVC123?key=TOKEN&verify-iss=fastly:SVC123"
                + "&verify-key=" + URLEncoder.encode(FASTLY_JWK, StandardCharsets.UTF_8));
        assertEquals(URI.create("https://api.fastly.com/service/SVC123"), url.controlUri());
        assertEquals(URI.create("https://api.fastly.com/service/SVC123/publish/"), url.publishUri());
        assertEquals(Optional.of("SVC123"), url.fastlyServiceId());
        assertEquals(List.of(new Header("Fastly-Key", "TOKEN")), url.authorizationHeaders(0));
        assertEquals("fastly:SVC123", url.verifyIss());
        assertEquals(FASTLY_JWK, url.verifyKey());
        assertEquals("ES256", url.verifier().orElseThrow().algorithm());
    }

    @Test
    void fastlyTrailingSlashFormIsTheSame() {
        GripUrl url = GripUrl.parse("https://api.fastly.com/service/SVC123/?verify-iss=fastly:SVC123&key=TOKEN");
        assertEquals(URI.create("https://api.fastly.com/service/SVC123/publish/"), url.publishUri());
        assertTrue(url.isFastly());
    }

    @Test
    void otherParametersStayOnThePublishUri() {
        GripUrl url = GripUrl.parse("http://localhost:5561/?backend=grip-publisher&key=K");
        assertEquals(URI.create("http://localhost:5561/?backend=grip-publisher"), url.controlUri());
        assertEquals(URI.create("http://localhost:5561/publish/?backend=grip-publisher"), url.publishUri());
    }

    @Test
    void overridesReplaceQueryParameters() {
        GripUrl url = GripUrl.parse("http://h/?verify-key=old",
                Map.of("verify-key", "changeme", "verify-iss", "pushpin"));
        assertEquals("changeme", url.verifyKey());
        assertEquals("pushpin", url.verifyIss());
    }

    @Test
    void rawJsonInQueryIsAccepted() {
        GripUrl url = GripUrl.parse("http://h/?verify-key=" + FASTLY_JWK);
        assertEquals(FASTLY_JWK, url.verifyKey());
    }

    @Test
    void notHttpIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GripUrl.parse("ftp://h/"));
        assertEquals("GRIP URL ftp://h/ (expected: http:// or https:// with a host)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GripUrl.parse("127.0.0.1:5561"));
    }

    @Test
    void publicKeyCannotSignPublishJwt() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAECKo5A1ebyFcnmVV8SE5On+8G81Jy\n"
                + "BjSvcrx4VLetWCjuDAmppTo3xM/zz763COTCgHfp/6lPdCyYjjqc+GM7sw==\n"
                + "-----END PUBLIC KEY-----\n";
        assertThrows(IllegalArgumentException.class, () -> GripUrl.parse("http://h/", Map.of("iss", "x", "key", pem)));
    }

    @Test
    void toStringHidesSecrets() {
        GripUrl url = GripUrl.parse("http://u:secretpw@h/?key=secretkey");
        assertFalse(url.toString().contains("secret"), url.toString());
        assertNull(url.iss());
    }
}
