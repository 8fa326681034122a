package dev.hush.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code identity.jwt} section: callers identified by a JWT bearer token of the company's identity provider,
 * verified against its JWKS (see docs/trust.md for where the token may come).
 */
public final class JwtSettings {
    /** Headers that carry a provider's key: the JWT header must not be one of them. */
    private static final Set<String> KEY_HEADERS = Set.of("authorization", "x-api-key", "api-key", "x-goog-api-key");
    private static final Set<String> PROVIDERS = Set.of("openai", "azure", "anthropic", "gemini");

    public boolean enabled = false;
    /** The token's {@code iss} must equal this. */
    public String issuer = null;
    /** The token's {@code aud} must hold one of these (required: a token minted for another service is refused). */
    public List<String> audiences = List.of();
    /** The issuer's public keys: a JWK Set file (read at start) or an http(s) URL (fetched off the event loop, cached). */
    public String jwks = null;
    /** The claim naming the user ({@code sub} is stable and unique per issuer; {@code email} reads better). */
    public String userClaim = "sub";
    /** The claim listing the user's policy groups (a list or a space/comma separated string; a.b walks into objects); "" = none. */
    public String groupsClaim = "groups";
    /** Signature algorithms accepted: public-key ones only (RSA, RSA-PSS, ECDSA), never {@code none} or HMAC. */
    public List<String> algorithms = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
    /** Tolerance for {@code exp} / {@code nbf} against this host's clock. */
    public int clockSkewSeconds = 60;
    /** The header that carries the token for Hush ({@code Bearer <jwt>}); never forwarded upstream. */
    public String header = "X-Hush-Authorization";
    /** A fetched JWKS is kept this long (a token with an unknown key id refreshes it sooner, rate limited). */
    public int jwksCacheMinutes = 15;
    /** At most one JWKS fetch per this many seconds (unknown key ids cannot hammer the identity provider). */
    public int jwksMinRefreshSeconds = 30;
    /**
     * Provider name -> the provider key used upstream when the token came in {@code Authorization} (the caller then
     * holds no provider key). {@code env:NAME} or {@code file:/path}, resolved once at load. Never serialised.
     */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public Map<String, String> providerKeys = new LinkedHashMap<>();

    /** Whether {@code jwks} names a URL rather than a file. */
    public boolean jwksIsUrl() {
        return jwks != null && (jwks.startsWith("https://") || jwks.startsWith("http://"));
    }

    void validate(String path, List<String> errors) {
        if (audiences == null || algorithms == null || providerKeys == null) {
            errors.add(path + ": audiences, algorithms and providerKeys must not be empty values");
            return;
        }
        for (String a : algorithms) {
            String why = algorithmProblem(a);
            if (why != null) {
                errors.add(path + ".algorithms: '" + a + "' " + why);
            }
        }
        if (clockSkewSeconds < 0 || clockSkewSeconds > 600) {
            errors.add(path + ".clockSkewSeconds: must be 0 to 600");
        }
        if (jwksCacheMinutes < 1 || jwksMinRefreshSeconds < 1) {
            errors.add(path + ".jwksCacheMinutes and jwksMinRefreshSeconds: must be at least 1");
        }
        if (header == null || !header.matches("[A-Za-z0-9-]+") || KEY_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
            errors.add(path + ".header: must be a header name other than a provider key header (Authorization is"
                    + " read anyway, for a token of the configured issuer)");
        }
        if (userClaim == null || userClaim.isBlank() || groupsClaim == null) {
            errors.add(path + ".userClaim: must name a claim; groupsClaim: a claim or \"\"");
        }
        for (String p : providerKeys.keySet()) {
            if (!PROVIDERS.contains(p)) {
                errors.add(path + ".providerKeys." + p + ": not a provider (one of " + String.join(", ", PROVIDERS.stream().sorted().toList()) + ")");
            }
        }
        if (!enabled) {
            return;
        }
        if (issuer == null || issuer.isBlank()) {
            errors.add(path + ".issuer: required when " + path + ".enabled is true");
        }
        if (audiences.isEmpty() || audiences.stream().anyMatch(a -> a == null || a.isBlank())) {
            errors.add(path + ".audiences: required when " + path + ".enabled is true (the tokens' aud, e.g. hush)");
        }
        if (algorithms.isEmpty()) {
            errors.add(path + ".algorithms: must name at least one algorithm");
        }
        if (jwks == null || jwks.isBlank()) {
            errors.add(path + ".jwks: required when " + path + ".enabled is true (a JWK Set file or an http(s) URL)");
        } else if (jwksIsUrl()) {
            try {
                if (URI.create(jwks).getHost() == null) {
                    errors.add(path + ".jwks: the URL has no host");
                }
            } catch (IllegalArgumentException e) {
                errors.add(path + ".jwks: not a URL");
            }
        } else if (jwks.contains("://")) {
            errors.add(path + ".jwks: only http(s) URLs or file paths");
        }
    }

    /** Why an algorithm name cannot be accepted, or null. */
    static String algorithmProblem(String name) {
        if (name == null || name.equalsIgnoreCase("none")) {
            return "is no signature: unsigned tokens are never accepted";
        }
        JWSAlgorithm a = JWSAlgorithm.parse(name);
        if (JWSAlgorithm.Family.HMAC_SHA.contains(a)) {
            return "is a shared-secret (HMAC) algorithm: a public JWKS cannot verify it, and anyone holding the"
                    + " secret could mint tokens";
        }
        if (!JWSAlgorithm.Family.RSA.contains(a) && !JWSAlgorithm.Family.EC.contains(a) || a.equals(JWSAlgorithm.ES256K)) {
            return "is not supported (RS256..RS512, PS256..PS512, ES256..ES512)";
        }
        return null;
    }

    /** Resolves the provider keys' {@code env:} / {@code file:} references once, naming the key on error. */
    void resolveSecrets(String path, List<String> errors) {
        if (providerKeys == null) {
            return;
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : providerKeys.entrySet()) {
            try {
                resolved.put(e.getKey(), SecretRef.resolve(e.getValue()));
            } catch (SecretRef.SecretException ex) {
                errors.add(path + ".providerKeys." + e.getKey() + " (" + SecretRef.describe(e.getValue()) + "): "
                        + ex.getMessage());
            }
        }
        providerKeys = resolved;
    }
}
