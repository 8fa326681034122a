package dev.hush.detect;

/**
 * A preview of a sensitive value that helps a person recognise it without revealing it: a few
 * characters from each end at most, never more than a quarter of the value, and its length.
 */
public final class MaskedPreview {
    private MaskedPreview() {
    }

    public static String of(CharSequence value) {
        int n = value.length();
        if (n == 0) {
            return "";
        }
        int show = Math.min(4, n / 4);
        StringBuilder b = new StringBuilder(show * 2 + 16);
        int head = (show + 1) / 2;
        int tail = show / 2;
        b.append(value, 0, head);
        b.append("…");
        if (tail > 0) {
            b.append(value, n - tail, n);
        }
        b.append(" (").append(n).append(" chars)");
        return b.toString();
    }
}
