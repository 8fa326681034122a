package dev.hush.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code edm} section: exact data match against the sets built by {@code hush edm add} in
 * {@code <dataDir>/edm/}. Every set found there is used unless switched off here.
 */
public final class EdmSettings {
    /** Use the EDM sets at all. */
    public boolean enabled = true;
    /** Read every index page at start so the first prompts do not wait for the disk (costs start time and RAM). */
    public boolean preload = false;
    /** Per-set options, by set name. */
    public Map<String, SetOptions> sets = new LinkedHashMap<>();

    /** Options of one EDM set. */
    public static final class SetOptions {
        public boolean enabled = true;
        /** Fields of one record a prompt must hold; null keeps the value given to {@code hush edm add}. */
        public Integer minFields = null;
    }

    void validate(String path, List<String> errors) {
        if (sets == null) {
            errors.add(path + ".sets: must not be null");
            return;
        }
        sets.forEach((name, o) -> {
            String p = path + ".sets." + name;
            if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
                errors.add(p + ": set name may hold only letters, digits, _ and -");
            }
            if (o == null) {
                errors.add(p + ": must not be empty");
            } else if (o.minFields != null && (o.minFields < 1 || o.minFields > 32)) {
                errors.add(p + ".minFields: must be between 1 and 32");
            }
        });
    }
}
