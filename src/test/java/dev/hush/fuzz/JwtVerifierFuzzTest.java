package dev.hush.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.hush.identity.TestJwks;
import dev.hush.identity.JwtVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JWT check on arbitrary bearer values: it names an identity or refuses with a fixed reason that never quotes
 * the value; nothing else escapes (no parser exception from a crafted header or claims set), and telling a provider
 * key from a token never throws.
 */
@org.junit.jupiter.api.Tag("fuzz")
class JwtVerifierFuzzTest {
    private static JwtVerifier verifier;

    private static synchronized JwtVerifier verifier() throws Exception {
        if (verifier == null) {
            Path jwks = Files.createTempFile("hush-fuzz-jwks", ".json");
            jwks.toFile().deleteOnExit();
            TestJwks.writePublic(jwks, new ECKeyGenerator(Curve.P_256).keyID("k1").generate());
            verifier = JwtVerifier.of(TestJwks.settings(jwks, "https://idp.example.test/", "hush"));
        }
        return verifier;
    }

    @FuzzTest(maxDuration = "5m")
    void anyBearerValue(byte[] bytes) throws Exception {
        String value = new String(bytes, StandardCharsets.UTF_8);
        JwtVerifier v = verifier();
        v.meantForHush(value);
        try {
            JwtVerifier.Identity id = v.verify(value);
            if (id.user() == null || id.user().isBlank()) {
                throw new AssertionError("an identity names a user");
            }
        } catch (JwtVerifier.Rejected r) {
            String m = r.getMessage();
            if (m == null || m.isBlank()) {
                throw new AssertionError("a refusal says why");
            }
            String t = value.trim();
            if (t.length() >= 12 && m.contains(t)) { // short values are words any reason may hold
                throw new AssertionError("a refusal never quotes the token");
            }
        }
    }
}
