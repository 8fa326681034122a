package dev.hush.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule of the {@code policy.rules} list. Every list that is empty matches anything; patterns are globs
 * where {@code *} matches any run of characters ({@code SECRET.*}, {@code gpt-4*}).
 */
public final class PolicyRule {
    /** Name shown in block messages and audit records. */
    public String id;
    /** Finding types, e.g. {@code SECRET.*}, {@code PII.EMAIL}. Required. */
    public List<String> types = new ArrayList<>();
    public List<String> providers = new ArrayList<>();
    public List<String> models = new ArrayList<>();
    public List<String> hosts = new ArrayList<>();
    public List<String> users = new ArrayList<>();
    public List<String> groups = new ArrayList<>();
    /** block, redact, pseudonymize, warn or allow. */
    public String action;

    public PolicyRule() {
    }

    public PolicyRule(String id, String type, String action) {
        this.id = id;
        this.types = new ArrayList<>(List.of(type));
        this.action = action;
    }

    public void validate(String path, List<String> errors) {
        if (id == null || id.isBlank()) {
            errors.add(path + ".id: must not be empty");
        }
        if (types == null || types.isEmpty()) {
            errors.add(path + ".types: needs at least one finding type pattern");
        }
        if (action == null) {
            errors.add(path + ".action: must be one of block, redact, pseudonymize, warn, allow");
        } else {
            try {
                PolicyAction.parse(action);
            } catch (IllegalArgumentException e) {
                errors.add(path + ".action: '" + action + "' is not one of block, redact, pseudonymize, warn, allow");
            }
        }
        if (providers == null || models == null || hosts == null || users == null || groups == null) {
            errors.add(path + ": providers, models, hosts, users and groups must be lists when given");
        }
    }
}
