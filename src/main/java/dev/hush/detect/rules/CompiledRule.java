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
    /** Allowlist regexes run on the match and the rest of its line (target {@code line}). */
    final List<RulePattern> allowLineRegexes;
    /** The most chars past the match end that a {@code line} allowlist sees (keeps the check linear). */
    static final int LINE_TAIL = 256;
    /** The allowlist regexes with their literal facts (see {@link AllowlistRegex}). */
    private final AllowlistRegex[] allowSecret;
    private final AllowlistRegex[] allowMatch;
    private final AllowlistRegex[] allowLine;
    final List<String> stopwords;
    final double confidence;
    final String source;

    CompiledRule(String id, String type, String description, RulePattern pattern, List<String> keywords,
            int secretGroup, double entropy, int window, int windowBefore, boolean startsNearKeyword,
            List<Predicate<String>> validators,
            boolean placeholderCheck, List<RulePattern> allowSecretRegexes, List<RulePattern> allowMatchRegexes,
            List<RulePattern> allowLineRegexes, List<String> stopwords, double confidence, String source) {
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
        this.allowLineRegexes = List.copyOf(allowLineRegexes);
        this.allowLine = this.allowLineRegexes.stream().map(AllowlistRegex::new).toArray(AllowlistRegex[]::new);
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

    /**
     * The bar for hex keys of 32 chars or more: 16 symbols cap a random value at 4 bits/char, and a random 32-hex
     * key falls at or below 3.5 one time in five (3.3: one in fifty), so a bar set for wider alphabets would drop
     * real keys by chance. Such a value is held to {@link #HEX_KEY_ENTROPY} instead, which random keys pass all
     * but once in ten thousand while repeated or counting fill ({@code deadbeefdeadbeef…}) still fails.
     */
    static double entropyBar(double bar, String secret) {
        return bar > HEX_KEY_ENTROPY && longHexKey(secret) ? HEX_KEY_ENTROPY : bar;
    }

    static final double HEX_KEY_ENTROPY = 3.0;

    /** 32+ chars of one-case hex holding a letter and a digit. */
    private static boolean longHexKey(String v) {
        int n = v.length();
        if (n < 32) {
            return false;
        }
        boolean digit = false, lower = false, upper = false;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c >= 'a' && c <= 'f') {
                lower = true;
            } else if (c >= 'A' && c <= 'F') {
                upper = true;
            } else {
                return false;
            }
        }
        return digit && (lower != upper);
    }

    /** True when the candidate survives every check; {@code secret} and {@code match} are substrings of the text. */
    boolean accepts(String secret, String match) {
        if (entropy > 0) {
            double h = Entropy.shannon(secret);
            // the hex shape is read only for a value under the rule's own bar, not for every value that passes it
            if (h <= entropy && h <= entropyBar(entropy, secret)) {
                return false;
            }
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

    boolean needsLineText() {
        return allowLine.length > 0;
    }

    /** True when no {@code line} allowlist matches {@code line} (the match and the rest of its line). */
    boolean acceptsLine(String line) {
        return !anyMatches(allowLine, line);
    }

    /** The match at {@code ms..me} and the rest of its line in {@code text}, at most {@link #LINE_TAIL} chars past it. */
    static String lineOf(String text, int ms, int me) {
        int limit = Math.min(text.length(), me + LINE_TAIL);
        int end = me;
        while (end < limit && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(ms, end);
    }

    private static boolean anyMatches(AllowlistRegex[] regexes, String target) {
        if (regexes.length == 0) {
            return false;
        }
        TargetChars chars = TargetChars.forThread(); // the target's chars, read at most once for all its regexes
        try {
            for (AllowlistRegex a : regexes) {
                if (a.matchesAnywhere(target, chars)) {
                    return true;
                }
            }
            return false;
        } finally {
            chars.forget();
        }
    }
}
