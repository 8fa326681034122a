package dev.hush.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.hush.config.JwtSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** JWT identity set-up shared by tests and benchmarks: a JWKS file of public keys and settings that read it. */
public final class TestJwks {
    private TestJwks() {
    }

    /** Writes the public halves of {@code keys} to {@code file} as a JWK Set; returns the file. */
    public static Path writePublic(Path file, JWK... keys) throws IOException {
        List<JWK> pub = new ArrayList<>();
        for (JWK k : keys) {
            pub.add(k.toPublicJWK());
        }
        Files.writeString(file, new JWKSet(pub).toString());
        return file;
    }

    /** Enabled JWT identity of {@code issuer} for {@code audiences}, keys from the JWKS file {@code jwks}. */
    public static JwtSettings settings(Path jwks, String issuer, String... audiences) {
        JwtSettings s = new JwtSettings();
        s.enabled = true;
        s.issuer = issuer;
        s.audiences = List.of(audiences);
        s.jwks = jwks.toString();
        return s;
    }
}
