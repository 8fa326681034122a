package dev.hush.detect.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** A rule ready to run: pattern compiled, keywords lower-cased, checks resolved. Immutable. */
public final class CompiledRule {
    final String id;
    final String type;
    final String description;
    final RulePattern pattern;
    final List<String> keywords;
    final int secretGroup;
    final double entropy;
    /** Chars searched after a keyword hit; 0 = the whole text. */
    final int window;
    /** Chars searched before a keyword hit. */
    final int windowBefore;
    /** Matches start within windowBefore chars before a keyword hit: try only those start positions. */
    final boolean startsNearKeyword;
    final List<Predicate<String>> validators;
    final boolean placeholderCheck;
    final List<RulePattern> allowSecretRegexes;
    final List<RulePattern> allowMatchRegexes;
    /** Per allowlist regex: the literals it needs (see {@link PatternFacts}); one missing skips the regex. */
    private final String[][][] allowSecretNeeds;
    private final String[][][] allowMatchNeeds;
    final List<String> stopwords;
    final double confidence;
    final String source;

    CompiledRule(String id, String type, String description, RulePattern pattern, List<String> keywords,
            int secretGroup, double entropy, int window, int windowBefore, boolean startsNearKeyword,
            List<Predicate<String>> validators,
            boolean placeholderCheck, List<RulePattern> allowSecretRegexes, List<RulePattern> allowMatchRegexes,
            List<String> stopwords, double confidence, String source) {
        this.id = id;
        this.type = type;
        this.description = description;
        this.pattern = pattern;
        this.keywords = List.copyOf(keywords);
        this.secretGroup = secretGroup;
        this.entropy = entropy;
        this.window = window;
        this.windowBefore = windowBefore;
        this.startsNearKeyword = startsNearKeyword && pattern.canMatchAt() && window > 0;
        this.validators = List.copyOf(validators);
        this.placeholderCheck = placeholderCheck;
        this.allowSecretRegexes = List.copyOf(allowSecretRegexes);
        this.allowMatchRegexes = List.copyOf(allowMatchRegexes);
        this.allowSecretNeeds = needs(this.allowSecretRegexes);
        this.allowMatchNeeds = needs(this.allowMatchRegexes);
        this.stopwords = List.copyOf(stopwords);
        this.confidence = confidence;
        this.source = source;
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String source() {
        return source;
    }

    /** True when the candidate survives every check; {@code secret} and {@code match} are substrings of the text. */
    boolean accepts(String secret, String match) {
        if (entropy > 0 && Entropy.shannon(secret) <= entropy) {
            return false;
        }
        if (placeholderCheck && Placeholders.isPlaceholder(secret)) {
            return false;
        }
        for (Predicate<String> v : validators) {
            if (!v.test(secret)) {
                return false;
            }
        }
        if (!stopwords.isEmpty()) {
            String lower = secret.toLowerCase(java.util.Locale.ROOT);
            for (String w : stopwords) {
                if (lower.contains(w)) {
                    return false;
                }
            }
        }
        return !anyMatches(allowSecretRegexes, allowSecretNeeds, secret)
                && !anyMatches(allowMatchRegexes, allowMatchNeeds, match);
    }

    boolean needsMatchText() {
        return !allowMatchRegexes.isEmpty();
    }

    /** Per pattern: its factors of required literals, as arrays (read for every candidate). */
    private static String[][][] needs(List<RulePattern> patterns) {
        String[][][] out = new String[patterns.size()][][];
        for (int i = 0; i < out.length; i++) {
            List<Set<String>> required = PatternFacts.of(patterns.get(i).regex()).required;
            out[i] = new String[required.size()][];
            for (int f = 0; f < out[i].length; f++) {
                out[i][f] = required.get(f).toArray(new String[0]);
            }
        }
        return out;
    }

    private static boolean anyMatches(List<RulePattern> patterns, String[][][] needs, String target) {
        String lower = null;
        for (int i = 0; i < patterns.size(); i++) {
            String[][] need = needs[i];
            if (need.length > 0) {
                if (lower == null) {
                    lower = target.toLowerCase(Locale.ROOT);
                }
                if (!containsAll(lower, need)) {
                    continue; // a literal every match needs is absent: the regex cannot match
                }
            }
            if (patterns.get(i).matchesAnywhere(target)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAll(String lower, String[][] need) {
        for (String[] factor : need) {
            boolean any = false;
            for (String lit : factor) {
                if (lower.contains(lit)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }
}
