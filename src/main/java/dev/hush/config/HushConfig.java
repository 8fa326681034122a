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

    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        if (dataDir == null || dataDir.isBlank()) {
            errors.add("dataDir: must not be empty");
        }
        if (rules == null) {
            errors.add("rules: must not be null");
        } else {
            rules.validate("rules", errors);
        }
        if (detection == null) {
            errors.add("detection: must not be null");
        } else {
            detection.validate("detection", errors);
        }
        if (gateway == null) {
            errors.add("gateway: must not be null");
        } else {
            gateway.validate("gateway", errors);
        }
        if (policy == null) {
            errors.add("policy: must not be null");
        } else {
            policy.validate("policy", errors);
        }
        if (audit == null) {
            errors.add("audit: must not be null");
        } else {
            audit.validate("audit", errors);
        }
        return errors;
    }
}
