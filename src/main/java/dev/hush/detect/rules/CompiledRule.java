package dev.hush.detect.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    /** The allowlist regexes with their literal facts (see {@link AllowlistRegex}). */
    private final AllowlistRegex[] allowSecret;
    private final AllowlistRegex[] allowMatch;
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
        this.allowSecret = this.allowSecretRegexes.stream().map(AllowlistRegex::new).toArray(AllowlistRegex[]::new);
        this.allowMatch = this.allowMatchRegexes.stream().map(AllowlistRegex::new).toArray(AllowlistRegex[]::new);
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
        return !anyMatches(allowSecret, secret) && !anyMatches(allowMatch, match);
    }

    boolean needsMatchText() {
        return !allowMatchRegexes.isEmpty();
    }

    private static boolean anyMatches(AllowlistRegex[] regexes, String target) {
        for (AllowlistRegex a : regexes) {
            if (a.matchesAnywhere(target)) {
                return true;
            }
        }
        return false;
    }
}
