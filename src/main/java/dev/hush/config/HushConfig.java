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
    public RulesSettings rules = new RulesSettings();
    public DetectionSettings detection = new DetectionSettings();
    public GatewaySettings gateway = new GatewaySettings();
    public PolicySettings policy = new PolicySettings();
    public AuditSettings audit = new AuditSettings();
    public EdmSettings edm = new EdmSettings();
    public FingerprintSettings fingerprints = new FingerprintSettings();
    public NlpSettings nlp = new NlpSettings();
    public ProxySettings proxy = new ProxySettings();

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
