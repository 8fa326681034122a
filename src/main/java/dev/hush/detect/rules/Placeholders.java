package dev.hush.detect.rules;

import java.util.regex.Pattern;

/**
 * Recognises values that only look like secrets: documentation placeholders, masked values,
 * environment and template references. Checked on every credential candidate unless a rule opts out.
 */
public final class Placeholders {
    private static final String[] WORDS = {
        "example", "sample", "dummy", "placeholder", "changeme", "change_me", "change-me", "your_", "your-",
        "<your", "yourkey", "yourtoken", "yourpassword", "xxxx", "****", "....", "redacted", "insert", "todo",
        "replace_me", "replaceme", "fixme", "notreal", "not_real", "fake", "test_key", "testkey", "mytoken",
        "mysecret", "mypassword", "secret_here", "key_here", "token_here", "password_here", "<redacted>", "[redacted]",
        "goes_here", "goeshere", "foobar", "lorem", "ipsum"
    };
    private static final Pattern ENV_REFERENCE = Pattern.compile(
            "^(?:\\$\\{[^}]*\\}?|\\$\\(.*\\)|\\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\\{\\{.*\\}\\}|<[^>]*>"
                    + "|(?:os\\.)?environ(?:\\.get)?[\\[(].*|os\\.getenv\\(.*|process\\.env\\..*|getenv\\(.*"
                    + "|(?:secrets|vars|env|var|settings|config)\\.[A-Za-z_][A-Za-z0-9_.]*|ENV\\[.*|System\\.getenv.*)$");

    /** All placeholder words in one case-insensitive pass instead of one scan per word. */
    private static final dev.hush.detect.AhoCorasick WORD_INDEX;

    static {
        dev.hush.detect.AhoCorasick.Builder b = dev.hush.detect.AhoCorasick.caseInsensitiveBuilder();
        for (String w : WORDS) {
            b.add(w);
        }
        WORD_INDEX = b.build();
    }

    private Placeholders() {
    }

    public static boolean isPlaceholder(String v) {
        if (v.isEmpty()) {
            return true;
        }
        if (WORD_INDEX.containsAny(v)) {
            return true;
        }
        if (dominatedByOneChar(v) || hasAscendingRun(v, 8)) {
            return true;
        }
        return isEnvReference(v);
    }

    public static boolean isEnvReference(String v) {
        return ENV_REFERENCE.matcher(v).matches();
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

    /** A run of {@code len} consecutive ascending characters such as {@code 12345678} or {@code abcdefgh}. */
    static boolean hasAscendingRun(String v, int len) {
        int run = 1;
        for (int i = 1; i < v.length(); i++) {
            char c = v.charAt(i);
            char prev = v.charAt(i - 1);
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (prev >= 'A' && prev <= 'Z') {
                prev += 32;
            }
            if (c == prev + 1 && Character.isLetterOrDigit(c)) {
                if (++run >= len) {
                    return true;
                }
            } else {
                run = 1;
            }
        }
        return false;
    }
}
