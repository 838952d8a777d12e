package dev.tack.proxy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.sig.GripSigKey;
import dev.tack.api.sig.GripSigner;
import dev.tack.proxy.publish.PublishSettings;
import dev.tack.proxy.testing.TackFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any configured publish credential protects every publish path (docs/reliability.md "Publish authentication"):
 * one test per credential and path, with no credential, a wrong one and the right one.
 */
class PublishAuthTest {

    private static final String BODY = "{\"items\":[{\"channel\":\"c\",\"formats\":{\"http-stream\":{\"content\":\"x\"}}}]}";

    /** A credential kind: the settings that configure it and the headers that present it (right, then wrong). */
    private record Credential(String name, PublishSettings settings, String[] right, String[] wrong) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static PublishSettings with(String fastlyKey, String bearer, String jwtKey, String basic) {
        return new PublishSettings(1_000_000, 10_000, "", fastlyKey, bearer, jwtKey, "", basic);
    }

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> combinations() {
        String jwt = new GripSigner(GripSigKey.secret("jwt-secret".getBytes(StandardCharsets.UTF_8)), "publisher")
                .sign(System.currentTimeMillis() / 1000);
        String wrongJwt = new GripSigner(GripSigKey.secret("other-secret".getBytes(StandardCharsets.UTF_8)), "publisher")
                .sign(System.currentTimeMillis() / 1000);
        List<Credential> credentials = List.of(
                new Credential("fastly_api_key as Fastly-Key", with("fk", "", "", ""),
                        new String[] {"Fastly-Key", "fk"}, new String[] {"Fastly-Key", "nope"}),
                new Credential("fastly_api_key as Bearer", with("fk", "", "", ""),
                        new String[] {"Authorization", "Bearer fk"}, new String[] {"Authorization", "Bearer nope"}),
                new Credential("publish_bearer_token", with("", "tok", "", ""),
                        new String[] {"Authorization", "Bearer tok"}, new String[] {"Authorization", "Bearer fk"}),
                new Credential("publish_jwt_key", with("", "", "jwt-secret", ""),
                        new String[] {"Authorization", "Bearer " + jwt},
                        new String[] {"Authorization", "Bearer " + wrongJwt}),
                new Credential("publish_basic_auth", with("", "", "", "user:pass"),
                        new String[] {"Authorization", basic("user:pass")},
                        new String[] {"Authorization", basic("user:nope")}));
        List<String> paths = List.of("/publish/", "/service/svc/publish/", "/recover");
        return credentials.stream().flatMap(c -> paths.stream().map(p -> Arguments.of(c, p)));
    }

    @ParameterizedTest(name = "{0} protects {1}")
    @MethodSource("combinations")
    void aConfiguredCredentialProtectsEveryPublishPath(Credential credential, String path) throws Exception {
        try (TackFixture tack = TackFixture.start(List.of("* test"), s -> s.publish(credential.settings()))) {
            assertEquals(401, post(tack, path).statusCode(), "no credential");
            assertEquals(401, post(tack, path, credential.wrong()).statusCode(), "a wrong credential");
            HttpResponse<String> accepted = post(tack, path, credential.right());
            assertEquals(200, accepted.statusCode(), accepted.body());
        }
    }

    @ParameterizedTest(name = "open API: {0}")
    @MethodSource("paths")
    void withoutCredentialsEveryPathIsOpenAsInPushpin(String path) throws Exception {
        try (TackFixture tack = TackFixture.start(List.of("* test"))) {
            assertEquals(200, post(tack, path).statusCode());
        }
    }

    static Stream<String> paths() {
        return Stream.of("/publish/", "/service/svc/publish/", "/recover");
    }

    private static HttpResponse<String> post(TackFixture tack, String path, String... header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(tack.publishUri(path))
                .POST(HttpRequest.BodyPublishers.ofString(path.equals("/recover") ? "" : BODY));
        if (header.length == 2) {
            request.header(header[0], header[1]);
        }
        return tack.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
