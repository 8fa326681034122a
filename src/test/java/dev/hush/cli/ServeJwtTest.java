package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hush serve} with {@code identity.jwt}: a bad JWKS stops the start naming the key; nothing secret is printed. */
class ServeJwtTest {
    @Test
    void aJwksFileWithPrivateKeysStopsTheStartNamingTheKey(@TempDir Path dir) throws Exception {
        Path jwks = dir.resolve("jwks.json");
        JWKSet priv = new JWKSet(new RSAKeyGenerator(2048).keyID("k").generate());
        Files.writeString(jwks, priv.toString(false));
        Path cfg = dir.resolve("hush.yaml");
        Files.writeString(cfg, "dataDir: " + dir.resolve("data") + "\nrules:\n  builtin: false\nnlp:\n  person:\n"
                + "    enabled: false\ngateway:\n  host: 127.0.0.1\nidentity:\n  jwt:\n    enabled: true\n"
                + "    issuer: https://idp.example.test/\n    audiences: [hush]\n    jwks: " + jwks + "\n");
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--port", "0", "--admin-port", "0", "--config", cfg.toString(),
                "--audit-dir", dir.resolve("audit").toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, cmd::start);
        assertTrue(e.getMessage().contains("identity.jwt.jwks: " + jwks + " holds private keys"), e.getMessage());
        assertFalse(e.getMessage().contains(priv.getKeys().get(0).toRSAKey().getPrivateExponent().toString()));
    }

    @Test
    void aJwksUrlIsPrintedWithoutCredentials() {
        assertEquals("https://idp.example.test:8443/keys",
                ServeCommand.withoutCredentials("https://svc:hunter2-Zq9@idp.example.test:8443/keys?access_token=abc#x"));
        assertEquals("http://127.0.0.1/jwks.json", ServeCommand.withoutCredentials("http://127.0.0.1/jwks.json"));
    }
}
