package dev.hush.detect;

import java.util.function.IntConsumer;

/**
 * A stand-in detector for tests whose findings the test knows in advance: every occurrence of one literal, in
 * the normalised view (or the original text), reported with one type, the detector's id as the rule and a
 * fixed confidence.
 */
public final class LiteralDetector implements Detector {
    private final String id;
    private final String literal;
    private final String type;
    private final double confidence;
    private final boolean original;
    private final int trimEnd;

    private LiteralDetector(String id, String literal, String type, double confidence, boolean original, int trimEnd) {
        this.id = id;
        this.literal = literal;
        this.type = type;
        this.confidence = confidence;
        this.original = original;
        this.trimEnd = trimEnd;
    }

    /** Reports {@code literal} in the normalised view as {@code type}, confidence 0.9. */
    public LiteralDetector(String id, String literal, String type) {
        this(id, literal, type, 0.9, false, 0);
    }

    /** The same detector reading the original text instead of the normalised view. */
    public LiteralDetector inOriginal() {
        return new LiteralDetector(id, literal, type, confidence, true, trimEnd);
    }

    /** The same detector with another confidence. */
    public LiteralDetector withConfidence(double c) {
        return new LiteralDetector(id, literal, type, c, original, trimEnd);
    }

    /** The same detector whose findings stop {@code chars} before the literal's end (a partial catch). */
    public LiteralDetector trimmingEnd(int chars) {
        return new LiteralDetector(id, literal, type, confidence, original, chars);
    }

    /** Calls {@code at} with the start of every occurrence of {@code literal} in {@code s}, overlapping ones too. */
    public static void eachOccurrence(String s, String literal, IntConsumer at) {
        for (int i = s.indexOf(literal); i >= 0; i = s.indexOf(literal, i + 1)) {
            at.accept(i);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        eachOccurrence(original ? text.original() : text.normalized(), literal,
                i -> sink.add(i, i + literal.length() - trimEnd, type, id, confidence));
    }
}
