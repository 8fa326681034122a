package dev.hush.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code detection} section: which detectors run and with what data. */
public final class DetectionSettings {
    /** Classification markers; {@code null} keeps the built-in defaults. */
    public List<String> markers = null;
    /** Company term dictionaries: name -> terms, reported as {@code CUSTOM.<name>}. */
    public Map<String, List<String>> dictionaries = new LinkedHashMap<>();
    /** Detector ids to switch off (e.g. {@code pii.phone}). */
    public List<String> disabled = new ArrayList<>();
    /**
     * Report {@code @handles} as {@code PII.USERNAME} ({@code pii.username}). Off by default: in code the same
     * shape is an annotation or a package scope, and a handle alone is a pseudonym, not a name.
     */
    public boolean usernames = false;
    /** Default region for national-format phone numbers. */
    public String phoneRegion = "US";

    void validate(String path, List<String> errors) {
        if (phoneRegion == null || !phoneRegion.matches("[A-Z]{2}")) {
            errors.add(path + ".phoneRegion: must be a two-letter region code such as US or DE");
        }
        dictionaries.forEach((name, terms) -> {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                errors.add(path + ".dictionaries." + name + ": name may hold only letters, digits, _ and -");
            }
            if (terms == null || terms.isEmpty()) {
                errors.add(path + ".dictionaries." + name + ": needs at least one term");
            }
        });
    }
}
