package dev.hush.detect.rules;

import dev.hush.detect.FindingSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a catalogue of rules over a normalised text. Subclasses decide how a region is searched; which
 * regions a rule searches ({@link KeywordWindows}) and which candidates it keeps ({@link #report}) are
 * the same for all, so every engine gives the same findings. Immutable and thread-safe.
 */
abstract class RuleEngine {
    final CompiledRule[] rules;
    /** Distinct keywords (lower case), in the order rules first name them. */
    final List<String> keywords;
    final int[][] rulesByKeyword;
    /** Rules without keywords: searched over the whole text. */
    final int[] keywordless;

    RuleEngine(List<CompiledRule> rules) {
        this.rules = rules.toArray(new CompiledRule[0]);
        Map<String, Integer> keywordIds = new HashMap<>();
        List<String> kws = new ArrayList<>();
        List<List<Integer>> byKeyword = new ArrayList<>();
        List<Integer> always = new ArrayList<>();
        for (int r = 0; r < this.rules.length; r++) {
            CompiledRule rule = this.rules[r];
            if (rule.keywords.isEmpty()) {
                always.add(r);
                continue;
            }
            for (String k : rule.keywords) {
                Integer kid = keywordIds.get(k);
                if (kid == null) {
                    kid = kws.size();
                    kws.add(k);
                    keywordIds.put(k, kid);
                    byKeyword.add(new ArrayList<>());
                }
                if (!byKeyword.get(kid).contains(r)) {
                    byKeyword.get(kid).add(r);
                }
            }
        }
        this.keywords = List.copyOf(kws);
        this.rulesByKeyword = new int[byKeyword.size()][];
        for (int k = 0; k < byKeyword.size(); k++) {
            rulesByKeyword[k] = byKeyword.get(k).stream().mapToInt(Integer::intValue).toArray();
        }
        this.keywordless = always.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Short name for logs and benchmarks. */
    abstract String name();

    /** Frees native memory an engine holds; the engine must not be used afterwards. */
    void close() {
    }

    /** Reports every finding of every rule in {@code text} (the normalised view), in its offsets. */
    abstract void detect(String text, FindingSink sink);

    /** Keeps a candidate that survives the rule's checks. */
    static void report(CompiledRule rule, String text, int s, int e, int ms, int me, FindingSink sink) {
        if (e <= s) {
            return;
        }
        String secret = text.substring(s, e);
        String match = rule.needsMatchText() ? text.substring(ms, me) : secret;
        if (rule.accepts(secret, match)
                && (!rule.needsLineText() || rule.acceptsLine(CompiledRule.lineOf(text, ms, me)))) {
            sink.add(s, e, rule.type, rule.id, rule.confidence);
        }
    }
}
