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
     * What happens to a request with parts Hush cannot read: allow (recorded as not scanned in the audit),
     * warn or block. Keys: an adapter name, or {@code default}, for real media and unknown binaries (images,
     * audio, archives, encrypted documents; default allow); {@code mislabelled}, or
     * {@code <adapter>.mislabelled}, for a part whose declared type or file name says text but whose bytes
     * are not text (default block: a disguise, not a picture).
     */
    public Map<String, String> unscannable = defaults();
    /**
     * Whether {@code X-Hush-Justification} alone overrides any warning (a standing reason, audited). Default false:
     * the retry must present the warning's one-time {@code X-Hush-Override} token, bound to that user and content.
     */
    public boolean standingJustification = false;

    /** The key of the action for parts declared text whose bytes are not text. */
    public static final String MISLABELLED = "mislabelled";

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("default", "allow");
        m.put(MISLABELLED, "block");
        return m;
    }

    /** The action for real media and unknown binaries sent to an adapter: its own entry, else default, else allow. */
    public PolicyAction unscannableFor(String adapter) {
        String a = unscannable == null ? null : unscannable.getOrDefault(adapter, unscannable.get("default"));
        return a == null ? PolicyAction.ALLOW : PolicyAction.parse(a);
    }

    /**
     * The action for one not-scanned part: a mislabelled one ({@code adapter.mislabelled}, else
     * {@code mislabelled}, else block), else {@link #unscannableFor(String)}.
     */
    public PolicyAction unscannableFor(String adapter, boolean mislabelled) {
        if (!mislabelled) {
            return unscannableFor(adapter);
        }
        String a = unscannable == null ? null
                : unscannable.getOrDefault(adapter + "." + MISLABELLED, unscannable.get(MISLABELLED));
        return a == null ? PolicyAction.BLOCK : PolicyAction.parse(a);
    }

    void validate(String path, List<String> errors) {
        if (unscannable == null) {
            errors.add(path + ".unscannable: must be a map of adapter name, default or mislabelled (or"
                    + " <adapter>.mislabelled) to allow, warn or block");
        } else {
            unscannable.forEach((k, v) -> {
                int dot = k == null ? -1 : k.indexOf('.');
                if (k == null || k.isBlank() || dot == 0
                        || dot > 0 && (!k.substring(dot + 1).equals(MISLABELLED) || k.startsWith("default."))) {
                    errors.add(path + ".unscannable." + k + ": not a key (an adapter name, default, mislabelled or"
                            + " <adapter>.mislabelled)");
                }
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
