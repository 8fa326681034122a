package dev.hush.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole configuration: one YAML file, every section optional with secure defaults.
 * Each section is a small class of public fields (Jackson binds them; unknown keys are errors).
 * {@link #validate()} names every bad key by its path.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class HushConfig {
    /** Where Hush keeps its own state (keys, indexes, CA); relative paths resolve against the working dir. */
    public String dataDir = "data";
    /**
     * The installation's hash (HMAC) key behind every stored keyed hash: null = {@code <dataDir>/hash.key}, made
     * on first use; or {@code env:NAME} / {@code file:/path} holding 32 bytes as 64 hex digits or base64 (a
     * secret store). Never serialised.
     */
    @com.fasterxml.jackson.annotation.JsonProperty(access = com.fasterxml.jackson.annotation.JsonProperty.Access.WRITE_ONLY)
    public String hashKey = null;
    public RulesSettings rules = new RulesSettings();
    public DetectionSettings detection = new DetectionSettings();
    public GatewaySettings gateway = new GatewaySettings();
    public PolicySettings policy = new PolicySettings();
    public AuditSettings audit = new AuditSettings();
    public EdmSettings edm = new EdmSettings();
    public FingerprintSettings fingerprints = new FingerprintSettings();
    public NlpSettings nlp = new NlpSettings();
    public ProxySettings proxy = new ProxySettings();
    public IdentitySettings identity = new IdentitySettings();

    /** Resolves {@code env:} and {@code file:} secret references in place (see {@link SecretRef}). */
    public List<String> resolveSecrets() {
        List<String> errors = new ArrayList<>();
        if (hashKey != null) {
            try {
                HashKeyFile.decode(SecretRef.resolve(hashKey));
                hashKey = SecretRef.resolve(hashKey);
            } catch (SecretRef.SecretException | IllegalArgumentException e) {
                errors.add("hashKey (" + SecretRef.describe(hashKey) + "): " + e.getMessage());
            }
        }
        if (gateway != null) {
            gateway.resolveSecrets("gateway", errors);
        }
        if (identity != null && identity.jwt != null) {
            identity.jwt.resolveSecrets("identity.jwt", errors);
        }
        return errors;
    }

    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        if (dataDir == null || dataDir.isBlank()) {
            errors.add("dataDir: must not be empty");
        }
        section(errors, "rules", rules, () -> rules.validate("rules", errors));
        section(errors, "detection", detection, () -> detection.validate("detection", errors));
        section(errors, "nlp", nlp, () -> nlp.validate("nlp", errors));
        section(errors, "edm", edm, () -> edm.validate("edm", errors));
        section(errors, "fingerprints", fingerprints, () -> fingerprints.validate("fingerprints", errors));
        section(errors, "audit", audit, () -> audit.validate("audit", errors));
        section(errors, "gateway", gateway, () -> gateway.validate("gateway", errors));
        section(errors, "policy", policy, () -> policy.validate("policy", errors));
        section(errors, "proxy", proxy, () -> proxy.validate("proxy", errors));
        section(errors, "identity", identity, () -> identity.validate("identity", errors));
        return errors;
    }

    /** A section set to null in YAML ({@code audit:} with nothing after it) is an error, not a default. */
    private static void section(List<String> errors, String key, Object value, Runnable validate) {
        if (value == null) {
            errors.add(key + ": must not be empty");
        } else {
            validate.run();
        }
    }
}
