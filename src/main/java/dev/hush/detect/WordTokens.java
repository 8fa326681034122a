package dev.hush.detect;

/**
 * The word tokens of a lower-cased text: maximal runs of letters, digits and combining marks. Everything
 * else (whitespace, punctuation, formatting) only separates tokens, which is what makes matching blind to
 * case, spacing and punctuation. Shared by EDM and fingerprints so both sides of a match cut text alike.
 */
public final class WordTokens {
    private int[] starts;
    private int[] ends;
    private boolean[] digits;
    private int count;

    private WordTokens(int capacity) {
        starts = new int[capacity];
        ends = new int[capacity];
        digits = new boolean[capacity];
    }

    public static WordTokens of(String lower) {
        WordTokens t = new WordTokens(Math.max(4, lower.length() / 5));
        int n = lower.length();
        int i = 0;
        while (i < n) {
            int cp = lower.codePointAt(i);
            if (!isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int s = i;
            boolean allDigits = true;
            while (i < n) {
                cp = lower.codePointAt(i);
                if (!isWordChar(cp)) {
                    break;
                }
                allDigits &= cp >= '0' && cp <= '9';
                i += Character.charCount(cp);
            }
            t.add(s, i, allDigits);
        }
        return t;
    }

    public static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
        }
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    private void add(int s, int e, boolean d) {
        if (count == starts.length) {
            int cap = count * 2;
            starts = java.util.Arrays.copyOf(starts, cap);
            ends = java.util.Arrays.copyOf(ends, cap);
            digits = java.util.Arrays.copyOf(digits, cap);
        }
        starts[count] = s;
        ends[count] = e;
        digits[count] = d;
        count++;
    }

    public int count() {
        return count;
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    /** True when token i is ASCII digits only. */
    public boolean digits(int i) {
        return digits[i];
    }
}
