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

    private Placeholders() {
    }

    public static boolean isPlaceholder(String v) {
        if (v.isEmpty()) {
            return true;
        }
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        for (String w : WORDS) {
            if (lower.contains(w)) {
                return true;
            }
        }
        if (isEnvReference(v)) {
            return true;
        }
        return dominatedByOneChar(v) || hasAscendingRun(lower, 8);
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
            if (v.charAt(i) == v.charAt(i - 1) + 1 && Character.isLetterOrDigit(v.charAt(i))) {
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
