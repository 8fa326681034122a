package dev.hush.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hush.identity.TestJwks;
import dev.hush.audit.KeyedHash;
import dev.hush.config.JwtSettings;
import dev.hush.identity.JwtVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What JWT identity costs per request, one thread: verifying an RS256 (2048-bit) and an ES256 token against a JWKS
 * file ({@link JwtVerifier#verify}: parse, signature, claims), a token verified before ({@link JwtVerifier#known}),
 * and recognising a provider key in
 * {@code Authorization} as none ({@link JwtVerifier#meantForHush}). Baseline in the same run: the keyed hash of
 * the presented key, which every request pays already. Run with {@code bench/jwt.sh}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtVerifierBenchmark {
    private JwtVerifier verifier;
    private String rs256;
    private String es256;
    private final KeyedHash keyHash = new KeyedHash("0123456789abcdef0123456789abcdef".getBytes());
    private final String providerKey = "sk-proj-" + "Xq7Lm2Pz9Rt4Vb8Nc3Wd6Jf1Hg5Ys0Ea".repeat(2);

    @Setup
    public void setup() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("r").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("e").generate();
        Path jwks = Files.createTempFile("hush-bench-jwks", ".json");
        TestJwks.writePublic(jwks, rsa, ec);
        JwtSettings s = TestJwks.settings(jwks, "https://idp.bench.test/", "hush");
        verifier = JwtVerifier.of(s);
        Files.delete(jwks);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(s.issuer).audience("hush").subject("ann@corp")
                .claim("groups", List.of("eng", "support")).expirationTime(new Date(System.currentTimeMillis() + 86_400_000L))
                .build();
        SignedJWT r = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("r").build(), claims);
        r.sign(new RSASSASigner(rsa));
        rs256 = r.serialize();
        SignedJWT e = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("e").build(), claims);
        e.sign(new ECDSASigner(ec));
        es256 = e.serialize();
        verifier.verify(rs256); // for knownRs256; verify* do the full check every time regardless
    }

    @Benchmark
    public Object verifyRs256() throws Exception {
        return verifier.verify(rs256);
    }

    @Benchmark
    public Object verifyEs256() throws Exception {
        return verifier.verify(es256);
    }

    /** A token verified before: what every request after the first pays (one SHA-256 and a cache look-up). */
    @Benchmark
    public Object knownRs256() {
        return verifier.known(rs256);
    }

    @Benchmark
    public boolean providerKeyIsNoToken() {
        return verifier.meantForHush(providerKey);
    }

    @Benchmark
    public String baselineKeyFingerprint() {
        return keyHash.of(providerKey);
    }
}
