package dev.hush.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** The {@code rules} section: the credential rule catalogue and imports. */
public final class RulesSettings {
    /** Load the built-in catalogue ({@code config/rules/*.yaml} shipped in the jar). */
    public boolean builtin = true;
    /** Extra Hush-format rule files or folders (YAML), loaded after the built-in catalogue. */
    public List<String> files = new ArrayList<>();
    /** gitleaks TOML rule files; their patterns run on the linear-time RE2J engine. */
    @JsonProperty("import")
    public List<String> importFiles = new ArrayList<>();
    /** Rule ids to switch off. */
    public List<String> disabled = new ArrayList<>();
    /** How rules run: auto (Hyperscan where its native library loads, else Java), hyperscan, or java. */
    public String engine = "auto";

    void validate(String path, List<String> errors) {
        if (!List.of("auto", "hyperscan", "java").contains(engine)) {
            errors.add(path + ".engine: must be auto, hyperscan or java");
        }
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) == null || files.get(i).isBlank()) {
                errors.add(path + ".files[" + i + "]: must name a file or folder");
            }
        }
        for (int i = 0; i < importFiles.size(); i++) {
            if (importFiles.get(i) == null || importFiles.get(i).isBlank()) {
                errors.add(path + ".import[" + i + "]: must name a gitleaks TOML file");
            }
        }
    }
}
