package dev.hush.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.hush.identity.TestJwks;
import dev.hush.identity.JwtVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code identity.jwt}: what a start refuses, naming the key. */
class JwtSettingsTest {
    @TempDir
    Path dir;

    private String errors(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(f));
        return e.getMessage();
    }

    @Test
    void unsignedAndSharedSecretAlgorithmsAreConfigErrors() throws Exception {
        String m = errors("identity:\n  jwt:\n    algorithms: [RS256, none, HS256, EdDSA]\n");
        assertTrue(m.contains("identity.jwt.algorithms: 'none' is no signature"), m);
        assertTrue(m.contains("identity.jwt.algorithms: 'HS256' is a shared-secret (HMAC) algorithm"), m);
        assertTrue(m.contains("identity.jwt.algorithms: 'EdDSA' is not supported"), m);
        assertFalse(m.contains("'RS256'"), m);
    }

    @Test
    void enabledNeedsIssuerAudienceAndJwksAndAHeaderThatIsNoKeyHeader() throws Exception {
        String m = errors("identity:\n  jwt:\n    enabled: true\n    header: x-api-key\n    providerKeys: {openia: k}\n");
        assertTrue(m.contains("identity.jwt.issuer: required"), m);
        assertTrue(m.contains("identity.jwt.audiences: required"), m);
        assertTrue(m.contains("identity.jwt.jwks: required"), m);
        assertTrue(m.contains("identity.jwt.header: must be a header name other than a provider key header"), m);
        assertTrue(m.contains("identity.jwt.providerKeys.openia: not a provider"), m);
        String u = errors("identity:\n  jwt:\n    enabled: true\n    issuer: i\n    audiences: [a]\n    jwks: ftp://x/y\n");
        assertTrue(u.contains("identity.jwt.jwks: only http(s) URLs or file paths"), u);
    }

    @Test
    void providerKeysComeFromFilesAndAreNeverSerialised() throws Exception {
        Path key = dir.resolve("openai.key");
        Files.writeString(key, "sk-from-a-mounted-secret\n");
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "identity:\n  jwt:\n    providerKeys: {openai: \"file:" + key + "\"}\n");
        HushConfig c = ConfigLoader.load(f);
        assertEquals("sk-from-a-mounted-secret", c.identity.jwt.providerKeys.get("openai"));
        assertFalse(new String(ConfigDigest.of(c)).contains("sk-from-a-mounted-secret"));
        Files.writeString(f, "identity:\n  jwt:\n    providerKeys: {openai: \"env:HUSH_TEST_UNSET_VARIABLE_1\"}\n");
        String m = assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(f)).getMessage();
        assertTrue(m.contains("identity.jwt.providerKeys.openai (env:HUSH_TEST_UNSET_VARIABLE_1)"), m);
    }

    @Test
    void aJwksFileIsReadAtStartAndMustHoldPublicKeysOnly() throws Exception {
        Path jwks = dir.resolve("jwks.json");
        JwtSettings s = TestJwks.settings(jwks, "https://idp.example.test/", "hush");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> JwtVerifier.of(s));
        assertTrue(missing.getMessage().startsWith("identity.jwt.jwks: "), missing.getMessage());
        Files.writeString(jwks, "{\"keys\": 3}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JwtVerifier.of(s)).getMessage()
                .endsWith("is not a JWK Set"));
        JWKSet priv = new JWKSet(new RSAKeyGenerator(2048).keyID("p").generate());
        Files.writeString(jwks, priv.toString(false));
        String m = assertThrows(IllegalArgumentException.class, () -> JwtVerifier.of(s)).getMessage();
        assertTrue(m.contains("holds private keys"), m);
        assertFalse(m.contains(priv.getKeys().get(0).toRSAKey().getPrivateExponent().toString()), m);
        Files.writeString(jwks, priv.toPublicJWKSet().toString());
        assertFalse(JwtVerifier.of(s).remote());
    }
}
