package dev.hush.config;

import dev.hush.policy.PolicyAction;
import dev.hush.policy.PolicyRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code policy} section: rules tried in order before the built-in secure defaults
 * (credentials, EDM and company terms block; PII pseudonymize; classification markers warn).
 */
public final class PolicySettings {
    public List<PolicyRule> rules = new ArrayList<>();
    /**
     * What happens to a request with parts Hush cannot read (images, archives, encrypted documents): allow
     * (recorded as not scanned in the audit), warn or block; per app or API by adapter name, else {@code default}.
     */
    public Map<String, String> unscannable = new LinkedHashMap<>(Map.of("default", "allow"));

    /** The unscannable action for an adapter: its own entry, else the default, else allow. */
    public PolicyAction unscannableFor(String adapter) {
        String a = unscannable == null ? null : unscannable.getOrDefault(adapter, unscannable.get("default"));
        return a == null ? PolicyAction.ALLOW : PolicyAction.parse(a);
    }

    void validate(String path, List<String> errors) {
        if (unscannable == null) {
            errors.add(path + ".unscannable: must be a map of adapter name (or default) to allow, warn or block");
        } else {
            unscannable.forEach((k, v) -> {
                if (!"allow".equals(v) && !"warn".equals(v) && !"block".equals(v)) {
                    errors.add(path + ".unscannable." + k + ": '" + v + "' is not one of allow, warn, block");
                }
            });
        }
        if (rules == null) {
            errors.add(path + ".rules: must be a list");
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) == null) {
                errors.add(path + ".rules[" + i + "]: must not be empty");
            } else {
                rules.get(i).validate(path + ".rules[" + i + "]", errors);
            }
        }
    }
}
