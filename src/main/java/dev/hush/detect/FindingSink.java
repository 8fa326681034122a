package dev.hush.detect;

/** Where a detector reports what it found, in offsets of the normalised view it was given. */
@FunctionalInterface
public interface FindingSink {
    void add(int start, int end, String type, String rule, double confidence);
}
