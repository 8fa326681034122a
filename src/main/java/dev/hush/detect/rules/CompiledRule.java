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
    private final List<List<Set<String>>> allowSecretNeeds;
    private final List<List<Set<String>>> allowMatchNeeds;
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

    private static List<List<Set<String>>> needs(List<RulePattern> patterns) {
        List<List<Set<String>>> out = new ArrayList<>();
        for (RulePattern p : patterns) {
            out.add(PatternFacts.of(p.regex()).required);
        }
        return List.copyOf(out);
    }

    private static boolean anyMatches(List<RulePattern> patterns, List<List<Set<String>>> needs, String target) {
        String lower = null;
        for (int i = 0; i < patterns.size(); i++) {
            List<Set<String>> need = needs.get(i);
            if (!need.isEmpty()) {
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

    private static boolean containsAll(String lower, List<Set<String>> need) {
        for (Set<String> factor : need) {
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
