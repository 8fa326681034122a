package dev.hush.config;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one detector family can produce whatever its switches: detector ids, finding types and rule ids.
 * The configuration's references (policy type globs, disable lists) are checked against the union of
 * every plug-in's vocabulary, so a typo stops the start instead of silently matching nothing.
 *
 * @param detectorIds  ids accepted in {@code detection.disabled}
 * @param findingTypes concrete types ({@code PII.EMAIL}); a type ending in {@code .*} is an open family
 *                     whose members are only known at run time ({@code EDM.*}: sets added by {@code hush edm add})
 * @param ruleIds      ids accepted in {@code rules.disabled}
 */
public record Vocabulary(Set<String> detectorIds, Set<String> findingTypes, Set<String> ruleIds) {
    public static final Vocabulary EMPTY = new Vocabulary(Set.of(), Set.of(), Set.of());

    public static Vocabulary of(Set<String> detectorIds, Set<String> findingTypes) {
        return new Vocabulary(detectorIds, findingTypes, Set.of());
    }

    Vocabulary plus(Vocabulary o) {
        return new Vocabulary(union(detectorIds, o.detectorIds), union(findingTypes, o.findingTypes),
                union(ruleIds, o.ruleIds));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }
}
