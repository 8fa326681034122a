package dev.hush.detect.rules;

import java.util.ArrayList;
import java.util.List;

/** Test inputs taken from the built-in catalogue: every rule's own examples, and a rule's allowlist regexes. */
final class CatalogueExamples {
    private CatalogueExamples() {
    }

    /** Every positive and negative example of the given rules, in catalogue order. */
    static List<String> pool(List<RuleCatalogue.SourcedSpec> specs) {
        List<String> pool = new ArrayList<>();
        for (RuleCatalogue.SourcedSpec s : specs) {
            if (s.spec().examples != null) {
                pool.addAll(s.spec().examples.positive);
                pool.addAll(s.spec().examples.negative);
            }
        }
        return pool;
    }

    /** The rule's allowlist regexes on the secret, the whole match and the line. */
    static List<RulePattern> allowlistRegexes(CompiledRule rule) {
        List<RulePattern> regexes = new ArrayList<>(rule.allowSecretRegexes);
        regexes.addAll(rule.allowMatchRegexes);
        regexes.addAll(rule.allowLineRegexes);
        return regexes;
    }
}
