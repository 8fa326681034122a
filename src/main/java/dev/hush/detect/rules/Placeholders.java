package dev.hush.detect.rules;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises values that only look like secrets: documentation placeholders, masked values,
 * environment and template references. Checked on every credential candidate unless a rule opts out.
 */
public final class Placeholders {
    /**
     * Markers that almost never occur inside a real secret: a value containing one anywhere is a placeholder
     * ({@code AKIAIOSFODNN7EXAMPLE}, {@code <your-api-key>}, {@code xoxb-xxxx}).
     */
    private static final String[] MARKERS = {
        "example", "placeholder", "changeme", "change_me", "change-me", "your_", "your-", "<your", "yourkey",
        "yourtoken", "yourpassword", "xxxx", "****", "....", "redacted", "replace_me", "replaceme", "notreal",
        "not_real", "test_key", "secret_here", "key_here", "token_here", "password_here", "goes_here", "goeshere"
    };
    /**
     * Ordinary words that mark a placeholder only as a whole word of the value ({@code fake-key-1}, {@code TODO},
     * {@code FakeValues99}): a real password that merely contains one ({@code Mysample9!}, {@code xtodoq7}) stays a
     * password. A word is a maximal run of letters, or one piece of it split at a lower-to-upper case change.
     * {@code myPassword}, {@code mysecret} are not here: word-like values under a password name may be real weak
     * passwords, and a DLP must rather flag one than miss {@code Summer2024!} (docs/rules-core.md).
     */
    private static final Set<String> WORDS = Set.of(
            "sample", "dummy", "insert", "todo", "fixme", "fake", "testkey", "foobar", "lorem", "ipsum");
    /**
     * Values that are only the name of what should be there: {@code password = "password"}, {@code token: token}.
     * Decided on the whole value (case-insensitive), so {@code Password123!} stays a (weak) password.
     */
    private static final Set<String> SELF_NAMES = Set.of(
            "password", "passwd", "passphrase", "apikey", "api_key", "api-key", "accesskey", "access_key",
            "secretkey", "secret_key");
    private static final int LONGEST_SELF_NAME = SELF_NAMES.stream().mapToInt(String::length).max().orElse(0);
    /**
     * Keys published by their vendor for local development, which open nothing: the Azure Storage emulator
     * (Azurite, account devstoreaccount1) and Cosmos DB emulator account keys.
     */
    private static final Set<String> PUBLISHED_DEV_KEYS = Set.of(
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
            "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==");
    /** Both keys are this long: a value of another length needs no hash. */
    private static final int PUBLISHED_DEV_KEY_LENGTH = PUBLISHED_DEV_KEYS.iterator().next().length();

    static {
        if (PUBLISHED_DEV_KEYS.stream().anyMatch(k -> k.length() != PUBLISHED_DEV_KEY_LENGTH)) {
            throw new ExceptionInInitializerError("published dev keys of different lengths");
        }
    }
    static final Pattern ENV_REFERENCE = Pattern.compile(
            "^(?:\\$\\{[^}]*\\}?|\\$\\(.*\\)|\\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\\{\\{.*\\}\\}|<[^>]*>"
                    + "|(?:os\\.)?environ(?:\\.get)?[\\[(].*|os\\.getenv\\(.*|process\\.env\\..*|getenv\\(.*"
                    + "|(?:secrets|vars|env|var|settings|config)\\.[A-Za-z_][A-Za-z0-9_.]*|ENV\\[.*|System\\.getenv.*"
                    // secret-manager references: 1Password (op://vault/item/[section/]field) and Azure App Service Key
                    // Vault references (@Microsoft.KeyVault(SecretUri=...)), both resolved at run time
                    + "|op://[^/\\s]+/[^/\\s]+/\\S+|@Microsoft\\.KeyVault\\(.*\\)?)$");

    /** All markers in one case-insensitive pass instead of one scan per marker. */
    private static final dev.hush.detect.AhoCorasick MARKER_INDEX;
    /** The placeholder words as plain substrings: where none occurs, no letter run can be one. */
    private static final dev.hush.detect.AhoCorasick WORD_INDEX;

    static {
        dev.hush.detect.AhoCorasick.Builder b = dev.hush.detect.AhoCorasick.caseInsensitiveBuilder();
        for (String w : MARKERS) {
            b.add(w);
        }
        MARKER_INDEX = b.build();
        dev.hush.detect.AhoCorasick.Builder w = dev.hush.detect.AhoCorasick.caseInsensitiveBuilder();
        WORDS.forEach(w::add);
        WORD_INDEX = w.build();
    }

    private static boolean isAscii(String v) {
        for (int i = 0, n = v.length(); i < n; i++) {
            if (v.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private Placeholders() {
    }

    /**
     * True for a placeholder value. ASCII values (nearly all) are read once by {@link #FOLDED}: the markers and
     * the placeholder words found case-folded on the fly, and whether a separator occurs noted in the same loop;
     * then only the checks those facts leave open run, none of them copying the value.
     * Other text takes {@link #isPlaceholderExact} (Unicode case folding). Both give the same answer.
     */
    public static boolean isPlaceholder(String v) {
        int n = v.length();
        if (n == 0) {
            return true;
        }
        boolean word = false;
        boolean separator = false;
        int state = 0;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c >= 128) {
                return isPlaceholderExact(v);
            }
            int e = FOLDED.next(state, c);
            state = e & FoldedAutomaton.STATE;
            if (e > FoldedAutomaton.STATE) {
                if ((e & FoldedAutomaton.MARKER) != 0) {
                    return true;
                }
                word = true;
            }
            if (c == '-' || c == '_' || c == '.' || c == ' ') {
                separator = true;
            }
        }
        if (word && placeholderWordAmongWords(v) || isPublishedDevKey(v) || isSelfName(v)) {
            return true;
        }
        if (oneCharRepeated(v) || countingRun(v) || wholeVariablePartIsRun(v, separator)
                || !hasLoneChar(v) && periodicUnit(v)) {
            return true;
        }
        return isEnvReference(v);
    }

    /** The plain order of checks, each on its own pass: the path for non-ASCII values, and the reference. */
    static boolean isPlaceholderExact(String v) {
        if (v.isEmpty()) {
            return true;
        }
        if (MARKER_INDEX.containsAny(v) || hasPlaceholderWord(v) || isPublishedDevKey(v) || isSelfName(v)) {
            return true;
        }
        // a repeated character or a count is a placeholder only when it is the whole value (aaaa-aaaa,
        // 1234567890abcdef, a1b2c3d4e5f6), or all of it after an issuer's short fixed prefix or before its suffix
        // (AIzaSy + abcdefgh..., 00 + aaaa..., a1b2c3... + NRAL): then the part that would be secret is the run.
        // A key or password that merely holds a run or a count (00QCjAl4-ABCDEFGHIJKL-0Hmj, Summer2024123!,
        // 00aaaa...ab7) is judged by its rule (format, entropy, shape).
        if (oneCharRepeated(v) || countingRun(v) || wholeVariablePartIsRun(v) || repeatedUnit(v)) {
            return true;
        }
        return isEnvReference(v);
    }

    private static boolean isPublishedDevKey(String v) {
        return v.length() == PUBLISHED_DEV_KEY_LENGTH && PUBLISHED_DEV_KEYS.contains(v);
    }

    private static boolean isSelfName(String v) {
        return v.length() <= LONGEST_SELF_NAME && SELF_NAMES.contains(v.toLowerCase(Locale.ROOT));
    }

    /** The markers (flag MARKER) and the placeholder words (flag WORD) in one automaton. */
    private static final FoldedAutomaton FOLDED = FoldedAutomaton.of(MARKERS, WORDS.toArray(String[]::new));

    public static boolean isEnvReference(String v) {
        if (!AllowlistRegex.mayOpen(ENV_OPENING, v)) {
            return false;
        }
        Matcher m = ENV_MATCHER.get().reset(v);
        boolean reference = m.matches();
        m.reset(""); // keep no candidate past the check
        return reference;
    }

    /** A matcher of {@link #ENV_REFERENCE} per thread: making one per candidate was most of the check's cost. */
    private static final ThreadLocal<Matcher> ENV_MATCHER = ThreadLocal.withInitial(() -> ENV_REFERENCE.matcher(""));

    /**
     * The chars a reference can open with ({@code $ % { <} and the first letters of the names), read from
     * {@link #ENV_REFERENCE} itself: most candidates open with none, and need no matcher.
     */
    private static final boolean[] ENV_OPENING = AllowlistRegex.openingChars(ENV_REFERENCE.pattern());

    /** A placeholder word is one of the value's words (see {@link #WORDS}). */
    static boolean hasPlaceholderWord(String v) {
        if (isAscii(v) && !WORD_INDEX.containsAny(v)) {
            return false; // no word occurs even as a substring (other text: Unicode case folding, the exact path)
        }
        return placeholderWordAmongWords(v);
    }

    /** One of the value's words (maximal letter runs, and their pieces at lower-to-upper changes) is in WORDS. */
    private static boolean placeholderWordAmongWords(String v) {
        int i = 0;
        int n = v.length();
        while (i < n) {
            if (!isLetter(v.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int piece = i;
            while (i < n && isLetter(v.charAt(i))) {
                if (i > start && isUpper(v.charAt(i)) && isLower(v.charAt(i - 1))) {
                    if (isWord(v, piece, i)) {
                        return true;
                    }
                    piece = i;
                }
                i++;
            }
            if (isWord(v, start, i) || piece > start && isWord(v, piece, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value, separators aside, is one short unit written again and again: a count repeated
     * ({@code 1234567890abcdef1234567890abcdef}) or a unit of at most 4 chars ({@code abcabcabcabc},
     * {@code 12341234}). The whole value must be the repetition, at least twice and 8 chars long.
     */
    static boolean repeatedUnit(String v) {
        // a value written at least twice holds each of its chars twice or more
        return !hasLoneChar(v) && periodicUnit(v);
    }

    /** {@link #repeatedUnit} once no char is known to occur only once. */
    private static boolean periodicUnit(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ' ') {
                b.append(Character.toLowerCase(c));
            }
        }
        String s = b.toString();
        int n = s.length();
        if (n < 8) {
            return false;
        }
        for (int p = 1; p <= n / 2; p++) {
            if (n % p != 0) {
                continue;
            }
            boolean periodic = true;
            for (int i = p; i < n && periodic; i++) {
                periodic = s.charAt(i) == s.charAt(i - p);
            }
            if (periodic && (p <= 4 || countingRun(s.substring(0, p)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * An ASCII value (separators aside, case folded as {@link #repeatedUnit} folds it) holds a char exactly once:
     * then it is no repetition of a unit. False for other text, which takes the exact path.
     */
    private static boolean hasLoneChar(String v) {
        long once0 = 0; // chars 0-63 seen once, seen more than once
        long more0 = 0;
        long once1 = 0; // chars 64-127
        long more1 = 0;
        for (int i = 0, n = v.length(); i < n; i++) {
            char c = v.charAt(i);
            if (c >= 128) {
                return false;
            }
            if (c == '-' || c == '_' || c == '.' || c == ' ') {
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c < 64) {
                long bit = 1L << c;
                more0 |= once0 & bit;
                once0 |= bit;
            } else {
                long bit = 1L << (c - 64);
                more1 |= once1 & bit;
                once1 |= bit;
            }
        }
        return (once0 & ~more0) != 0 || (once1 & ~more1) != 0;
    }

    // Character's tests, with ASCII answered inline (the JDK's lookup is the cost on long candidates)
    private static boolean isLetter(char c) {
        return c < 128 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c);
    }

    private static boolean isUpper(char c) {
        return c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
    }

    private static boolean isLower(char c) {
        return c < 128 ? c >= 'a' && c <= 'z' : Character.isLowerCase(c);
    }

    private static final int SHORTEST_WORD = WORDS.stream().mapToInt(String::length).min().orElse(0);
    private static final int LONGEST_WORD = WORDS.stream().mapToInt(String::length).max().orElse(0);

    /** {@code v[from, to)} lower-cased is one of {@link #WORDS}; ASCII without a copy (most candidates). */
    private static boolean isWord(String v, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = v.charAt(i) < 128;
        }
        if (!ascii) {
            // Unicode lower-casing can change the length or give ASCII (Kelvin sign): the exact path
            return WORDS.contains(v.substring(from, to).toLowerCase(Locale.ROOT));
        }
        int len = to - from;
        if (len < SHORTEST_WORD || len > LONGEST_WORD) {
            return false;
        }
        char first = (char) (v.charAt(from) | 0x20); // an ASCII letter: the words are lower case
        for (String w : WORDS_BY_LENGTH[len]) {
            if (w.charAt(0) == first && v.regionMatches(true, from, w, 0, len)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #WORDS} by length, so a letter run is compared only with the words as long as it. */
    private static final String[][] WORDS_BY_LENGTH = new String[LONGEST_WORD + 1][];

    static {
        for (int len = 0; len <= LONGEST_WORD; len++) {
            final int l = len;
            WORDS_BY_LENGTH[len] = WORDS.stream().filter(w -> w.length() == l).toArray(String[]::new);
        }
    }

    /** The value, separators ({@code - _ . space}) aside, is one character repeated: {@code aaaaaaaa}, {@code 0000-0000}. */
    static boolean oneCharRepeated(String v) {
        char first = 0;
        int count = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '-' || c == '_' || c == '.' || c == ' ') {
                continue;
            }
            c = fold(c);
            if (count == 0) {
                first = c;
            } else if (c != first) {
                return false;
            }
            count++;
        }
        return count >= 4;
    }

    /**
     * The value, separators aside, counts up: each character follows the one before it in {@code 0-9} then
     * {@code a-z} (case-insensitive), wrapping 9 to 0 and z to a ({@code 12345678}, {@code 1234567890abcdef},
     * {@code abcdefghij}).
     */
    static boolean countingRun(String v) {
        char prev = 0;
        int count = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = fold(v.charAt(i));
            if (c == '-' || c == '_' || c == '.' || c == ' ') {
                continue;
            }
            boolean alnum = c >= '0' && c <= '9' || c >= 'a' && c <= 'z';
            if (!alnum) {
                return false;
            }
            if (count > 0 && !(c == prev + 1 || prev == '9' && (c == '0' || c == 'a') || prev == '0' && c == 'a' || prev == 'z' && c == 'a')) {
                return false;
            }
            prev = c;
            count++;
        }
        return count >= 6;
    }



    /** Longest fixed prefix or suffix an issuer puts around the random part (AIzaSy, px-api-, NRAL, 00). */
    private static final int MAX_AFFIX = 6;

    /**
     * Separators aside, one run (a character repeated, a count, or two interleaved counts) of 8+ characters
     * covers the value but for at most {@link #MAX_AFFIX} characters at one end.
     */
    static boolean wholeVariablePartIsRun(String v) {
        char[] chars = new char[v.length()];
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = Character.toLowerCase(v.charAt(i));
            if (c != '-' && c != '_' && c != '.' && c != ' ') {
                chars[n++] = c;
            }
        }
        return variablePartIsRun(null, chars, n);
    }

    /** Per-thread copy of a value without its separators, for {@link #wholeVariablePartIsRun(String, boolean)}. */
    private static final ThreadLocal<char[][]> COMPACT = ThreadLocal.withInitial(() -> new char[][] {new char[64]});

    /**
     * {@link #wholeVariablePartIsRun(String)} of an ASCII value: read in place, folded on the fly, when it holds
     * no separator ({@code separator} false); otherwise copied without them into a per-thread buffer.
     */
    private static boolean wholeVariablePartIsRun(String v, boolean separator) {
        if (!separator) {
            return variablePartIsRun(v, null, v.length());
        }
        char[][] holder = COMPACT.get();
        if (holder[0].length < v.length()) {
            holder[0] = new char[Math.max(v.length(), 2 * holder[0].length)];
        }
        char[] b = holder[0];
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ' ') {
                b[n++] = fold(c);
            }
        }
        return variablePartIsRun(null, b, n);
    }

    /** The value's {@code i}-th char, separators aside, lower case: {@code b[i]}, or {@code v}'s own when b is null. */
    private static char at(String v, char[] b, int i) {
        return b != null ? b[i] : fold(v.charAt(i));
    }

    /** Character.toLowerCase, with ASCII answered inline. */
    private static char fold(char c) {
        return c < 128 ? c >= 'A' && c <= 'Z' ? (char) (c + 32) : c : Character.toLowerCase(c);
    }

    /** The test of {@link #wholeVariablePartIsRun(String)} over the n chars {@link #at} gives. */
    private static boolean variablePartIsRun(String v, char[] b, int n) {
        if (n < 8 + 1) {
            return false;
        }
        for (int affix = 0; affix <= MAX_AFFIX && n - affix >= HAND_TYPED_MIN; affix++) {
            if (lettersCountBetweenDigits(v, b, affix, n) || lettersCountBetweenDigits(v, b, 0, n - affix)) {
                return true;
            }
        }
        // every span tried below holds the middle, and a span's sub-span of a run is a run: most values end here
        if (n > 2 * MAX_AFFIX && !isRun(v, b, MAX_AFFIX, n - MAX_AFFIX)) {
            return false;
        }
        for (int affix = 1; affix <= MAX_AFFIX && n - affix >= 8; affix++) {
            if (isRun(v, b, affix, n) || isRun(v, b, 0, n - affix)) {
                return true;
            }
        }
        return isRun(v, b, 0, n);
    }

    /** {@code [from, to)} is one character repeated, counts up, or is two interleaved counts. */
    private static boolean isRun(String v, char[] s, int from, int to) {
        boolean same = true;
        boolean count = true;
        boolean interleaved = true;
        for (int i = from + 1; i < to && (same || count || interleaved); i++) {
            char c = at(v, s, i);
            char prev = at(v, s, i - 1);
            boolean alnum = c >= '0' && c <= '9' || c >= 'a' && c <= 'z';
            same &= c == prev;
            count &= alnum && (c == prev + 1 || prev == '9' && (c == '0' || c == 'a') || prev == '0' && c == 'a'
                    || prev == 'z' && (c == 'a' || c == '0' || c == '1'));
            if (i >= from + 2) {
                char prev2 = at(v, s, i - 2);
                interleaved &= alnum && (c == prev2 + 1 || prev2 == '9' && c == '0' || prev2 == 'z' && c == 'a');
            }
        }
        return same || count || interleaved;
    }

    /** Shortest hand-typed interleave: 8 letters in a row of the alphabet, a digit after each. */
    private static final int HAND_TYPED_MIN = 16;

    /**
     * Letters that count up through the alphabet with one digit between each, whatever the digits
     * ({@code a1b2c3d4-e5f6-g7h8-i8j0-k0l3m3n4}): a hand-typed fake. Eight letters in alphabet order at every
     * other place do not happen by chance in a random key (1 in 26^7).
     */
    private static boolean lettersCountBetweenDigits(String v, char[] s, int from, int to) {
        if (to - from < HAND_TYPED_MIN) {
            return false;
        }
        char head = at(v, s, from);
        int lead = head >= 'a' && head <= 'z' ? 0 : 1;
        for (int i = from; i < to; i++) {
            char c = at(v, s, i);
            if ((i - from) % 2 == lead) {
                if (c < 'a' || c > 'z' || i - 2 >= from && c != at(v, s, i - 2) + 1) {
                    return false;
                }
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** One character makes up half the value or more (e.g. {@code aaaaaaaa1}, {@code 00000000}). */
    static boolean dominatedByOneChar(String v) {
        if (v.length() < 4) {
            return false;
        }
        int[] counts = new int[128];
        int max = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 128) {
                max = Math.max(max, ++counts[c]);
            }
        }
        return max * 2 >= v.length();
    }
}
