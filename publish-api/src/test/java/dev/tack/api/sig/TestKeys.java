package dev.tack.api.sig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Key fixtures made with OpenSSL 3.0 (see the file names), and facts about the keys Fastly publishes
 * (docs/compatibility.md "Grip-Sig").
 */
final class TestKeys {
    /** Fastly's published Grip-Sig public key, as PEM. */
    static final String FASTLY_PEM = "-----BEGIN PUBLIC KEY-----\n"
            + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAECKo5A1ebyFcnmVV8SE5On+8G81Jy\n"
            + "BjSvcrx4VLetWCjuDAmppTo3xM/zz763COTCgHfp/6lPdCyYjjqc+GM7sw==\n"
            + "-----END PUBLIC KEY-----\n";
    /** The same key as a JWK, as js-grip ships it. */
    static final String FASTLY_JWK = "{\"kty\":\"EC\",\"crv\":\"P-256\","
            + "\"x\":\"CKo5A1ebyFcnmVV8SE5On-8G81JyBjSvcrx4VLetWCg\","
            + "\"y\":\"7gwJqaU6N8TP88--twjkwoB36f-pT3QsmI46nPhjO7M\"}";
    /** The same key as Fastly demos put it in GRIP_VERIFY_KEY: base64 of the PEM. */
    static final String FASTLY_BASE64_PEM = "base64:LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0KTUZrd0V3WUhLb1pJemowQ0FRWU"
            + "lLb1pJemowREFRY0RRZ0FFQ0tvNUExZWJ5RmNubVZWOFNFNU9uKzhHODFKeQpCalN2Y3J4NFZMZXRXQ2p1REFtcHBUbzN4TS96ejc2"
            + "M0NPVENnSGZwLzZsUGRDeVlqanFjK0dNN3N3PT0KLS0tLS1FTkQgUFVCTElDIEtFWS0tLS0t";
    /** A real Grip-Sig from Fastly Fanout (Feb 2023): {"typ":"JWT","alg":"ES256"} {"exp":1675365428,"iss":"fastly"}. */
    static final String FASTLY_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9"
            + ".eyJleHAiOjE2NzUzNjU0MjgsImlzcyI6ImZhc3RseSJ9"
            + ".QL2Pm1JnXV_vAYK7ijeD4U1CBjOTLihNMDZ-qfvjkKOTUiK1jyxGEwjZfeApijRaOtQT8fVkdPnKjF-tBiUzkA";
    static final long FASTLY_TOKEN_EXP = 1675365428L;

    private TestKeys() {
    }

    static Path dir() {
        try {
            return Path.of(TestKeys.class.getResource("ec-p256-public.pem").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(String name) {
        try {
            return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
