package dev.hush.adapter;

import java.util.Arrays;

/**
 * How a rewritten text came from its original: spans [start, end) of the original, in order and not
 * overlapping, each replaced by a string; everything between them is the original's. A body that keeps its
 * bytes ({@link JsonSource}) splices just these into the string's original bytes instead of quoting the
 * whole rewritten text again.
 */
public final class TextEdits {
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private String[] with = new String[8];
    private int size;

    /** Records that original chars [start, end) became {@code replacement}; spans come in order. */
    public void add(int start, int end, String replacement) {
        if (start < 0 || end < start || (size > 0 && start < ends[size - 1])) {
            throw new IllegalArgumentException("edits must be in order and must not overlap");
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            with = Arrays.copyOf(with, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        with[size] = replacement;
        size++;
    }

    public int size() {
        return size;
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    public String replacement(int i) {
        return with[i];
    }

    /** The edited text (what the rewrite produced): for checking that edits and text agree. */
    public String apply(String original) {
        StringBuilder b = new StringBuilder(original.length() + 16);
        int at = 0;
        for (int i = 0; i < size; i++) {
            b.append(original, at, starts[i]).append(with[i]);
            at = ends[i];
        }
        return b.append(original, at, original.length()).toString();
    }
}
