package dev.hush.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.hush.config.JwtSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JWT bearer identity ({@code identity.jwt}): a token signed by the configured issuer with a key of its JWKS, for one
 * of the configured audiences, not expired, names the user and groups by its claims. Signature and claims are
 * checked by nimbus-jose-jwt; only public-key algorithms are accepted. A JWKS URL is fetched by nimbus's cached,
 * rate-limited source. {@link #verify} is CPU work (a signature) and may do I/O: it belongs on a worker; a token
 * verified before is {@link #known} cheaply. Rejection reasons are fixed texts: nothing of the token is ever quoted.
 */
public final class JwtVerifier {
    private static final int JWKS_MAX_BYTES = 512 * 1024;
    private static final int MAX_TOKEN = 16 * 1024;
    private final JwtSettings cfg;
    private final JWKSource<SecurityContext> keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    /**
     * Tokens verified before, by their SHA-256, until their {@code exp} (at most {@code jwksCacheMinutes}, the time a
     * fetched key set is trusted anyway): a repeated token costs one hash, not a signature check on a worker.
     */
    private final Cache<String, Identity> verified;

    /**
     * The user and groups a verified token names.
     *
     * @param expires the token's {@code exp}
     */
    public record Identity(String user, Set<String> groups, Instant expires) {
    }

    /** A token that does not identify anyone; {@link #unavailable} when the JWKS could not be fetched. */
    public static final class Rejected extends Exception {
        private final boolean unavailable;

        Rejected(String reason, boolean unavailable) {
            super(reason, null, false, false);
            this.unavailable = unavailable;
        }

        public boolean unavailable() {
            return unavailable;
        }
    }

    private JwtVerifier(JwtSettings cfg, JWKSource<SecurityContext> keys) {
        this.cfg = cfg;
        this.keys = keys;
        for (String a : cfg.algorithms) {
            algorithms.add(JWSAlgorithm.parse(a));
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        Set<String> required = new HashSet<>(List.of("exp", "iss"));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(new HashSet<>(cfg.audiences),
                new JWTClaimsSet.Builder().issuer(cfg.issuer).build(), required, null);
        claims.setMaxClockSkew(cfg.clockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
        long maxNanos = TimeUnit.MINUTES.toNanos(cfg.jwksCacheMinutes);
        verified = Caffeine.newBuilder().maximumSize(10_000).expireAfter(Expiry.<String, Identity>creating(
                (k, id) -> Duration.ofNanos(Math.max(0, Math.min(maxNanos,
                        Duration.between(Instant.now(), id.expires()).toNanos()))))).build();
    }

    /** The identity of a token verified before and not expired since, or null (then {@link #verify} it on a worker). */
    public Identity known(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return null;
        }
        Identity id = verified.getIfPresent(digest(token));
        return id != null && id.expires().isAfter(Instant.now()) ? id : null;
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming {@code identity.jwt.jwks} when the JWKS file cannot be read or parsed
     */
    public static JwtVerifier of(JwtSettings cfg) {
        if (cfg.jwksIsUrl()) {
            try {
                DefaultResourceRetriever http = new DefaultResourceRetriever(5_000, 5_000, JWKS_MAX_BYTES);
                JWKSource<SecurityContext> src = JWKSourceBuilder.<SecurityContext>create(URI.create(cfg.jwks).toURL(), http)
                        .cache(cfg.jwksCacheMinutes * 60_000L, 15_000L)
                        .rateLimited(cfg.jwksMinRefreshSeconds * 1000L)
                        .refreshAheadCache(false)
                        .retrying(false)
                        .build();
                return new JwtVerifier(cfg, src);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("identity.jwt.jwks: not a usable URL");
            }
        }
        try {
            JWKSet set = JWKSet.parse(Files.readString(Path.of(cfg.jwks)));
            if (set.getKeys().stream().anyMatch(k -> k.isPrivate())) {
                throw new IllegalArgumentException("identity.jwt.jwks: " + cfg.jwks + " holds private keys: give Hush"
                        + " the public JWK Set only");
            }
            return new JwtVerifier(cfg, new ImmutableJWKSet<>(set.toPublicJWKSet()));
        } catch (IOException e) {
            throw new IllegalArgumentException("identity.jwt.jwks: " + cfg.jwks + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        } catch (ParseException e) {
            throw new IllegalArgumentException("identity.jwt.jwks: " + cfg.jwks + " is not a JWK Set");
        }
    }

    /** Whether {@link #verify} may fetch the JWKS over the network (call it off the event loop then). */
    public boolean remote() {
        return cfg.jwksIsUrl();
    }

    /** The header that carries the token for Hush. */
    public String header() {
        return cfg.header;
    }

    /** The provider key to use upstream for a caller whose token came in {@code Authorization}, or null. */
    public String providerKey(String provider) {
        String k = cfg.providerKeys.get(provider);
        return k == null || k.isEmpty() ? null : k;
    }

    /**
     * Whether an {@code Authorization} bearer value is a token meant for Hush rather than a provider credential:
     * a JWT (signed or not) whose unverified {@code iss} is the configured issuer and whose {@code aud} holds a
     * configured audience. A provider key is no JWT; the provider's own tokens (an Entra ID token for Azure OpenAI)
     * name another audience and pass through.
     */
    public boolean meantForHush(String value) {
        if (value == null || value.length() > MAX_TOKEN || value.chars().filter(c -> c == '.').count() != 2) {
            return false;
        }
        try {
            JWT jwt = JWTParser.parse(value);
            if (jwt instanceof EncryptedJWT) {
                return false;
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            return cfg.issuer.equals(c.getIssuer()) && c.getAudience() != null
                    && c.getAudience().stream().anyMatch(cfg.audiences::contains);
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /** Fetches the JWKS once (start-up, on a worker), so the first caller does not wait; false when it failed. */
    public boolean warm() {
        try {
            keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
            return true;
        } catch (KeySourceException e) {
            return false;
        }
    }

    /** The identity a token names; may fetch the JWKS when {@link #remote()}. */
    public Identity verify(String token) throws Rejected {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new Rejected("no token or an oversized one", false);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.trim());
        } catch (ParseException e) {
            throw new Rejected("not a JWT", false);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new Rejected(jwt instanceof EncryptedJWT ? "encrypted tokens are not accepted" : "unsigned token", false);
        }
        if (!algorithms.contains(signed.getHeader().getAlgorithm())) {
            throw new Rejected("signature algorithm not allowed", false);
        }
        try {
            if (!cfg.issuer.equals(signed.getJWTClaimsSet().getIssuer())) {
                throw new Rejected("wrong issuer", false);
            }
        } catch (ParseException e) {
            throw new Rejected("unreadable claims", false);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (ExpiredJWTException e) {
            throw new Rejected("expired", false);
        } catch (BadJWTException e) {
            throw new Rejected(claimsReason(e.getMessage()), false);
        } catch (BadJOSEException e) {
            String m = String.valueOf(e.getMessage());
            throw new Rejected(m.contains("Invalid signature") ? "bad signature" : "no key of the issuer's JWKS matches", false);
        } catch (KeySourceException e) {
            throw new Rejected("the issuer's JWKS could not be fetched", true);
        } catch (JOSEException e) {
            throw new Rejected("signature could not be checked", false);
        }
        Object u = claim(claims, cfg.userClaim);
        if (!(u instanceof String user) || user.isBlank()) {
            throw new Rejected("no " + cfg.userClaim + " claim naming the user", false);
        }
        Identity id = new Identity(user.trim(), groups(claims), claims.getExpirationTime().toInstant());
        verified.put(digest(token), id);
        return id;
    }

    private static String claimsReason(String m) {
        String s = String.valueOf(m);
        if (s.contains("missing required")) {
            return "a required claim (exp, iss, aud) is missing";
        }
        if (s.contains("aud")) {
            return "wrong audience";
        }
        if (s.contains("iss")) {
            return "wrong issuer";
        }
        if (s.contains("before use") || s.contains("nbf")) {
            return "not valid yet";
        }
        return "claims rejected";
    }

    private Set<String> groups(JWTClaimsSet claims) {
        Set<String> out = new LinkedHashSet<>();
        if (cfg.groupsClaim.isEmpty()) {
            return out;
        }
        Object g = claim(claims, cfg.groupsClaim);
        if (g instanceof String s) {
            for (String part : s.split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        } else if (g instanceof Collection<?> list) {
            for (Object o : list) {
                if (o instanceof String s && !s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** A claim by its name, or by a dotted path into nested objects ({@code realm_access.roles}). */
    private static Object claim(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        if (v != null || !name.contains(".")) {
            return v;
        }
        Object cur = claims.getClaims();
        for (String part : name.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(part);
        }
        return cur;
    }
}
