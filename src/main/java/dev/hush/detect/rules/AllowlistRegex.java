package dev.hush.detect.rules;

import dev.hush.detect.AhoCorasick;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * One allowlist regex of a rule with what {@link PatternFacts} knows of it, checked on every candidate. One
 * case-insensitive pass of a small automaton finds the literals every match needs (one missing: no match) and the
 * literals every match starts with; the JDK's own attempt ({@code lookingAt} with transparent, non-anchoring
 * bounds: what {@code find} does at each position) is then made only where a start literal occurs, and at 0 where
 * {@code ^} may match. A name list such as {@code (?i)(?:public|publishable|csrf|...)[_.-]?key} otherwise tries
 * its whole alternation at every char of the candidate. The gates are the rule engine's (same facts, same
 * automaton), so the answer is {@link RulePattern#matchesAnywhere}'s. Immutable and thread-safe.
 */
final class AllowlistRegex {
    final RulePattern pattern;
    /** Null: the pattern's own search (anchored at 0, or nothing known). */
    private final AhoCorasick index;
    /** Per automaton pattern: the factors of required literals it belongs to, as bits. */
    private final long[] factorsOf;
    private final long allFactors;
    /** Per automaton pattern: true when it is a start literal. */
    private final boolean[] startOf;
    /** The JDK pattern whose starts can be chosen, or null (then only the required literals gate). */
    private final JdkRulePattern jdk;
    private final boolean caret;

    AllowlistRegex(RulePattern pattern) {
        this.pattern = pattern;
        PatternFacts facts = PatternFacts.of(pattern.regex());
        boolean anchored = pattern instanceof JdkRulePattern j && j.anchoredAtStart();
        List<Set<String>> required = facts.required.subList(0, Math.min(64, facts.required.size()));
        boolean chooseStarts = pattern instanceof JdkRulePattern && !facts.unknown && facts.startLiterals != null;
        if (anchored || required.isEmpty() && !chooseStarts) {
            index = null;
            factorsOf = null;
            allFactors = 0;
            startOf = null;
            jdk = null;
            caret = false;
            return; // a lookingAt at 0 costs less than any gate
        }
        Map<String, Integer> ids = new HashMap<>();
        List<Long> factors = new ArrayList<>();
        List<Boolean> starts = new ArrayList<>();
        AhoCorasick.Builder b = AhoCorasick.caseInsensitiveBuilder();
        for (int f = 0; f < required.size(); f++) {
            for (String lit : required.get(f)) {
                int id = ids.computeIfAbsent(lit, k -> {
                    factors.add(0L);
                    starts.add(false);
                    return b.add(k);
                });
                factors.set(id, factors.get(id) | 1L << f);
            }
        }
        if (chooseStarts) {
            for (String lit : facts.startLiterals) {
                int id = ids.computeIfAbsent(lit, k -> {
                    factors.add(0L);
                    starts.add(false);
                    return b.add(k);
                });
                starts.set(id, true);
            }
        }
        this.index = b.build();
        this.factorsOf = factors.stream().mapToLong(Long::longValue).toArray();
        this.allFactors = required.size() == 64 ? -1L : (1L << required.size()) - 1;
        this.startOf = new boolean[starts.size()];
        for (int i = 0; i < startOf.length; i++) {
            startOf[i] = starts.get(i);
        }
        this.jdk = chooseStarts ? (JdkRulePattern) pattern : null;
        this.caret = chooseStarts && facts.caret;
    }

    /** True when the regex matches anywhere in {@code target}, as {@link RulePattern#matchesAnywhere}. */
    boolean matchesAnywhere(String target) {
        if (index == null) {
            return pattern.matchesAnywhere(target);
        }
        Hits h = new Hits();
        index.search(target, h);
        if ((h.factors & allFactors) != allFactors) {
            return false; // a literal every match needs is absent
        }
        if (jdk == null) {
            return pattern.matchesAnywhere(target);
        }
        Matcher m = jdk.matcher(target);
        int n = target.length();
        if (caret) {
            m.region(0, n);
            if (m.lookingAt()) {
                return true;
            }
        }
        for (int i = 0; i < h.startCount; i++) {
            m.region(h.starts[i], n);
            if (m.lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** The factors seen and the start literals' positions in one pass. */
    private final class Hits implements AhoCorasick.MatchHandler {
        long factors;
        int[] starts = new int[8];
        int startCount;

        @Override
        public void onMatch(int id, int s, int e) {
            factors |= factorsOf[id];
            if (startOf[id]) {
                if (startCount == starts.length) {
                    starts = Arrays.copyOf(starts, startCount * 2);
                }
                starts[startCount++] = s;
            }
        }
    }
}
