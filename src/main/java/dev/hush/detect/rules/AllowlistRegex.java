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
    /** For a regex anchored at 0: the chars its match can open with (index 128: any other char), or null. */
    private final boolean[] opening;
    /** The chars gate (see {@link TargetChars}): per factor, its literals' chars as two masks each; or null. */
    private final long[][] factorMasks;
    /** Unanchored JDK regex without {@code ^}: the (folded) chars every match starts with; all zero = no gate. */
    private final long firstLow;
    private final long firstHigh;

    AllowlistRegex(RulePattern pattern) {
        this.pattern = pattern;
        PatternFacts facts = PatternFacts.of(pattern.regex());
        boolean anchored = pattern instanceof JdkRulePattern j && j.anchoredAtStart();
        this.opening = anchored ? openingChars(pattern.regex()) : null;
        List<Set<String>> required = facts.required.subList(0, Math.min(64, facts.required.size()));
        this.factorMasks = facts.unknown || required.isEmpty() ? null : TargetChars.masks(required);
        boolean firstGate = pattern instanceof JdkRulePattern && !anchored && !facts.unknown && !facts.caret
                && facts.firstChars != null;
        this.firstLow = firstGate ? TargetChars.foldedMask(facts.firstChars, 0) : 0;
        this.firstHigh = firstGate ? TargetChars.foldedMask(facts.firstChars, 64) : 0;
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

    /**
     * The chars a match of {@code regex} can open with (0..127, index 128 for any other char) when every match
     * starts at the text's start ({@link JdkRulePattern#anchoredAtStart(String)}): {@link PatternFacts#firstChars}
     * of the regex without its leading {@code ^}. Null where that is not known: the regex is not anchored, a match
     * may be empty, or another {@code ^} (outside a {@code [^...]} class), {@code \A}, {@code \G} or an escaped
     * caret would read differently without the first one. A candidate whose first char is not in the set cannot
     * match ({@code find}, {@code lookingAt} and {@code matches} alike), so no matcher need be made for it.
     */
    static boolean[] openingChars(String regex) {
        if (!JdkRulePattern.anchoredAtStart(regex)) {
            return null;
        }
        int caretAt = regex.indexOf('^'); // inline flags before it hold letters and '-' only
        String rest = regex.substring(0, caretAt) + regex.substring(caretAt + 1);
        for (int k = rest.indexOf('^'); k >= 0; k = rest.indexOf('^', k + 1)) {
            if (k == 0 || rest.charAt(k - 1) != '[' || k >= 2 && rest.charAt(k - 2) == '\\') {
                return null;
            }
        }
        if (rest.contains("\\A") || rest.contains("\\G")) {
            return null;
        }
        PatternFacts facts = PatternFacts.of(rest);
        return facts.unknown ? null : facts.firstChars; // null too where a match may be empty
    }

    /** False when {@code target} cannot open a match of a regex whose {@link #openingChars} are {@code opening}. */
    static boolean mayOpen(boolean[] opening, CharSequence target) {
        if (opening == null) {
            return true;
        }
        if (target.length() == 0) {
            return false; // a match is never empty where the set is known
        }
        char c = target.charAt(0);
        return opening[c < 128 ? c : 128];
    }

    /** True when the regex matches anywhere in {@code target}, as {@link RulePattern#matchesAnywhere}. */
    boolean matchesAnywhere(String target) {
        TargetChars chars = TargetChars.forThread();
        try {
            return matchesAnywhere(target, chars);
        } finally {
            chars.forget();
        }
    }

    /**
     * The same, with {@code chars} the target's chars as far as read (shared by the rule's regexes on one
     * target): the chars gate comes first, and rejects without a pass of the automaton or the regex.
     */
    boolean matchesAnywhere(String target, TargetChars chars) {
        if (index == null && !mayOpen(opening, target)) {
            return false;
        }
        if ((factorMasks != null || (firstLow | firstHigh) != 0) && !chars.mayHold(target, factorMasks, firstLow, firstHigh)) {
            return false; // a literal every match needs, or every char a match can start with, is absent
        }
        if (index == null) {
            return pattern.matchesAnywhere(target);
        }
        Hits h = chars.hits.reset(factorsOf, startOf);
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
    static final class Hits implements AhoCorasick.MatchHandler {
        long factors;
        int[] starts = new int[8];
        int startCount;
        private long[] factorsOf;
        private boolean[] startOf;

        Hits reset(long[] factorsOf, boolean[] startOf) {
            this.factorsOf = factorsOf;
            this.startOf = startOf;
            factors = 0;
            startCount = 0;
            return this;
        }

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
