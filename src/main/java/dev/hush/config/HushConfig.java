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
    public NlpSettings nlp = new NlpSettings();

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
        if (nlp == null) {
            errors.add("nlp: must not be null");
        } else {
            nlp.validate("nlp", errors);
        }
        return errors;
    }
}
