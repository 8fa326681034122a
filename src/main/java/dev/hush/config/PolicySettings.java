package dev.hush.config;

import dev.hush.policy.PolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code policy} section: rules tried in order before the built-in secure defaults
 * (credentials, EDM and company terms block; PII pseudonymize; classification markers warn).
 */
public final class PolicySettings {
    public List<PolicyRule> rules = new ArrayList<>();

    void validate(String path, List<String> errors) {
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
