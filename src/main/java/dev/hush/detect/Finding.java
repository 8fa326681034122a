package dev.hush.detect;

/**
 * One sensitive value found in a text: UTF-16 offsets into the original text (end exclusive),
 * the finding type ({@code FAMILY.KIND}, e.g. {@code SECRET.AWS_ACCESS_KEY_ID}, {@code PII.EMAIL}),
 * the id of the rule or detector that produced it, and a confidence in [0, 1].
 * A finding never carries the matched value itself.
 */
public record Finding(int start, int end, String type, String rule, double confidence) {

    public Finding {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** The part of the type before the first dot, or before the second for {@code PII.*}. */
    public String family() {
        return FindingTypes.family(type);
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }

    public Finding withSpan(int newStart, int newEnd) {
        return new Finding(newStart, newEnd, type, rule, confidence);
    }
}
