package dev.hush.config;

import dev.hush.policy.Glob;
import dev.hush.policy.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the names a configuration refers to against what exists: policy type globs against the finding
 * types the detectors can report, providers against the provider routes, and the disable lists against the
 * rule and detector ids. A typo such as {@code SECRET.AWZ*} would otherwise silently match nothing.
 */
public final class ConfigReferences {
    public static final Set<String> PROVIDERS = Set.of("openai", "azure", "anthropic", "gemini");

    private ConfigReferences() {
    }

    /** Every dangling reference, each naming its key. */
    public static List<String> check(HushConfig config, Vocabulary known) {
        List<String> errors = new ArrayList<>();
        List<PolicyRule> rules = config.policy.rules;
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule r = rules.get(i);
            String p = "policy.rules[" + i + "]";
            for (int j = 0; r.types != null && j < r.types.size(); j++) {
                String glob = r.types.get(j);
                if (glob != null && !matchesSome(glob, known.findingTypes())) {
                    errors.add(p + ".types[" + j + "]: '" + glob + "' matches no finding type");
                }
            }
            for (int j = 0; r.providers != null && j < r.providers.size(); j++) {
                String prov = r.providers.get(j);
                if (prov == null || !PROVIDERS.contains(prov.toLowerCase(Locale.ROOT))) {
                    errors.add(p + ".providers[" + j + "]: unknown provider '" + prov + "' (openai, azure, anthropic, gemini)");
                }
            }
        }
        List<String> disabledRules = config.rules.disabled;
        for (int i = 0; i < disabledRules.size(); i++) {
            if (!known.ruleIds().contains(disabledRules.get(i))) {
                errors.add("rules.disabled[" + i + "]: no rule has the id '" + disabledRules.get(i) + "'");
            }
        }
        List<String> disabledDetectors = config.detection.disabled;
        for (int i = 0; i < disabledDetectors.size(); i++) {
            String id = disabledDetectors.get(i);
            if (id == null || !matchesSome(id, known.detectorIds())) {
                errors.add("detection.disabled[" + i + "]: no detector has the id '" + id + "' (known: "
                        + String.join(", ", known.detectorIds()) + ")");
            }
        }
        return errors;
    }

    /**
     * Whether a glob matches a known name. An open family ({@code EDM.*}) accepts any glob inside it, and a
     * glob such as {@code *} or {@code EDM*} that covers one of its members.
     */
    static boolean matchesSome(String glob, Set<String> known) {
        for (String k : known) {
            if (k.endsWith(".*")) {
                String prefix = k.substring(0, k.length() - 1);
                if (glob.regionMatches(true, 0, prefix, 0, prefix.length()) || Glob.matches(glob, prefix + "x")) {
                    return true;
                }
            } else if (Glob.matches(glob, k)) {
                return true;
            }
        }
        return false;
    }
}
