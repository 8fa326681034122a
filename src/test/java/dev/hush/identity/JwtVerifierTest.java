package dev.hush.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hush.config.JwtSettings;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier alone: claims to identity, the verified-token cache, and what is taken for a token in Authorization. */
class JwtVerifierTest {
    @TempDir
    Path dir;

    JwtVerifier verifier(RSAKey key, String groupsClaim) throws Exception {
        JwtSettings s = TestJwks.settings(TestJwks.writePublic(dir.resolve("jwks.json"), key),
                "https://idp.example.test/", "hush", "hush-staging");
        s.userClaim = "email";
        s.groupsClaim = groupsClaim;
        return JwtVerifier.of(s);
    }

    static String token(RSAKey key, JWTClaimsSet c) throws Exception {
        SignedJWT j = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), c);
        j.sign(new RSASSASigner(key));
        return j.serialize();
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("https://idp.example.test/").audience(List.of("other", "hush-staging"))
                .subject("u-1").claim("email", "ann@corp.example").expirationTime(new Date(System.currentTimeMillis() + 600_000));
    }

    @Test
    void theConfiguredClaimsNameUserAndGroupsAndAVerifiedTokenIsKnownAfterwards() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("a").generate();
        JwtVerifier v = verifier(key, "https://corp.example/groups");
        String t = token(key, claims().claim("https://corp.example/groups", "eng, support  ops").build());
        assertNull(v.known(t), "not verified yet");
        JwtVerifier.Identity id = v.verify(t);
        assertEquals("ann@corp.example", id.user());
        assertEquals(Set.of("eng", "support", "ops"), id.groups());
        assertEquals(id, v.known(t));
        String noEmail = token(key, claims().claim("email", null).build());
        JwtVerifier.Rejected r = assertThrows(JwtVerifier.Rejected.class, () -> v.verify(noEmail));
        assertEquals("no email claim naming the user", r.getMessage());
        assertNull(v.known(noEmail), "a rejected token is never known");
    }

    @Test
    void aTokenPastItsExpiryIsNotKnownEvenWhileTheSkewStillAcceptsIt() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("a").generate();
        JwtVerifier v = verifier(key, "groups");
        String t = token(key, claims().expirationTime(new Date(System.currentTimeMillis() - 20_000)).build());
        assertEquals("ann@corp.example", v.verify(t).user(), "within the 60 s clock skew");
        assertNull(v.known(t), "but never served from the cache: verified again each time");
    }

    @Test
    void onlyAJwtOfTheIssuerAndAnAudienceIsMeantForHush() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("a").generate();
        JwtVerifier v = verifier(key, "groups");
        assertTrue(v.meantForHush(token(key, claims().build())));
        assertFalse(v.meantForHush(token(key, claims().audience("https://cognitiveservices.azure.com").build())));
        assertFalse(v.meantForHush(token(key, claims().issuer("https://login.other.test/").build())));
        for (String key2 : List.of("sk-proj-abc", "sk-ant-api03-x.y.z", "a.b.c", "", "..")) {
            assertFalse(v.meantForHush(key2), key2);
        }
    }
}
