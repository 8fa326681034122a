package dev.hush.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multi-pattern exact string search in one pass (Aho–Corasick). ASCII transitions are a dense,
 * fully resolved table (one array read per character); other characters use sparse trie edges and
 * failure links. Immutable and thread-safe once built. A case-insensitive automaton folds the text's
 * case inside its transition table, so callers need not lower-case (and copy) the text; its patterns
 * must be given in lower case.
 */
public final class AhoCorasick {

    /** Receives each match: the pattern's id and its [start, end) in the searched text. */
    @FunctionalInterface
    public interface MatchHandler {
        void onMatch(int patternId, int start, int end);
    }

    /** (state << shift) | column[c] -> next state, with the sign bit set where patterns end in that state. */
    private final int[] asciiNext;
    private static final int STATE = Integer.MAX_VALUE;
    /** Texts at least this long are walked as two interleaved halves. */
    private static final int TWO_CHAINS_MIN = 1024;
    private final int longestPattern;
    /** ASCII char -> table column: one per (case-folded) char the patterns use, 0 for all the others. */
    private final byte[] column;
    private final int shift;
    private final Map<Long, Integer> wideEdges; // (state << 32 | c) -> child, trie edges only
    private final int[] fail;
    private final int[][] outputs; // state -> pattern ids ending here (including via suffix links)
    private final int[] patternLength;
    private final int patternCount;
    private final boolean foldCase;

    private AhoCorasick(int[] asciiNext, byte[] column, int shift, Map<Long, Integer> wideEdges, int[] fail,
            int[][] outputs, int[] patternLength, boolean foldCase) {
        this.asciiNext = asciiNext;
        this.column = column;
        this.shift = shift;
        this.wideEdges = wideEdges;
        this.fail = fail;
        this.outputs = outputs;
        this.patternLength = patternLength;
        this.patternCount = patternLength.length;
        this.foldCase = foldCase;
        int longest = 0;
        for (int len : patternLength) {
            longest = Math.max(longest, len);
        }
        this.longestPattern = longest;
    }

    public int patternCount() {
        return patternCount;
    }

    public int patternLength(int id) {
        return patternLength[id];
    }

    /** Calls {@code handler} for every occurrence of every pattern, in order of end position. */
    public void search(CharSequence text, MatchHandler handler) {
        search(text, 0, text.length(), handler);
    }

    public void search(CharSequence text, int from, int to, MatchHandler handler) {
        if (to - from < TWO_CHAINS_MIN) {
            int state = 0;
            for (int i = from; i < to; i++) {
                int e = step(state, text.charAt(i));
                state = e & STATE;
                if (e < 0) {
                    report(state, i, handler);
                }
            }
            return;
        }
        // Two independent walks, the first half and the second, interleaved: each char costs a dependent table
        // read, and two chains of them run side by side in the CPU (about 1.5x on long texts). The second walk
        // starts from the root longestPattern chars before its half, so its state is exact from there on; its
        // hits (rare) wait until the first half's are reported, to keep the order of end positions.
        int mid = from + (to - from) / 2;
        int a = 0;
        int b = 0;
        for (int k = Math.max(from, mid - longestPattern); k < mid; k++) {
            b = step(b, text.charAt(k)) & STATE;
        }
        int[] held = null;
        int heldCount = 0;
        int k = mid;
        for (int i = from; i < mid; i++, k++) {
            int ea = step(a, text.charAt(i));
            int eb = step(b, text.charAt(k));
            a = ea & STATE;
            b = eb & STATE;
            if (ea < 0) {
                report(a, i, handler);
            }
            if (eb < 0) {
                if (held == null) {
                    held = new int[16];
                } else if (heldCount == held.length) {
                    held = java.util.Arrays.copyOf(held, heldCount * 2);
                }
                held[heldCount++] = b;
                held[heldCount++] = k;
            }
        }
        for (int h = 0; h < heldCount; h += 2) {
            report(held[h], held[h + 1], handler);
        }
        for (; k < to; k++) {
            int e = step(b, text.charAt(k));
            b = e & STATE;
            if (e < 0) {
                report(b, k, handler);
            }
        }
    }

    /** The table entry for state and c: the next state, with the sign bit set where patterns end in it. */
    private int step(int state, char c) {
        if (c < 128) {
            return asciiNext[(state << shift) | column[c]];
        }
        int s = wideStep(state, c);
        return outputs[s] == null ? s : s | Integer.MIN_VALUE;
    }

    private void report(int state, int i, MatchHandler handler) {
        for (int id : outputs[state]) {
            handler.onMatch(id, i + 1 - patternLength[id], i + 1);
        }
    }

    /**
     * The same search, charging its progress to {@code text}'s scan budget every few thousand characters,
     * so a scan over budget stops inside the pass.
     */
    public void search(ScanText text, MatchHandler handler) {
        CharSequence s = text.normalized();
        int n = s.length();
        int state = 0;
        int charged = 0;
        for (int i = 0; i < n; i++) {
            if (i - charged >= 8192) {
                text.charge(i - charged);
                charged = i;
            }
            int e = step(state, s.charAt(i));
            state = e & STATE;
            if (e < 0) {
                report(state, i, handler);
            }
        }
        text.charge(n - charged);
    }

    /** True when at least one pattern occurs in the text. */
    public boolean containsAny(CharSequence text) {
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            int e = step(state, text.charAt(i));
            if (e < 0) {
                return true;
            }
            state = e;
        }
        return false;
    }

    private int wideStep(int state, char c) {
        return AhoCorasickTrie.wideStep(wideEdges, fail, state, foldCase ? Character.toLowerCase(c) : c);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Case-insensitive matching; the patterns must be added in lower case. */
    public static Builder caseInsensitiveBuilder() {
        Builder b = new Builder();
        b.foldCase = true;
        return b;
    }

    /** Collects patterns; ids are assigned in insertion order from 0. */
    public static final class Builder {
        private final List<String> patterns = new ArrayList<>();
        private boolean foldCase;

        /** Adds a pattern and returns its id. Empty patterns are rejected. */
        public int add(String pattern) {
            if (pattern == null || pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            patterns.add(pattern);
            return patterns.size() - 1;
        }

        public AhoCorasick build() {
            AhoCorasickTrie trie = AhoCorasickTrie.build(patterns, foldCase);
            int states = trie.states;
            int[] next = trie.next;
            int[][] outputs = trie.outputs;
            Map<Long, Integer> wide = trie.wideEdges;
            int[] fail = trie.fail;
            int[] lengths = trie.patternLength;
            // a narrower table: chars no pattern uses all lead back to the root, so they share column 0
            byte[] column = new byte[128];
            int columns = 1;
            for (String p : patterns) {
                for (int k = 0; k < p.length(); k++) {
                    char c = p.charAt(k);
                    if (c < 128 && column[c] == 0) {
                        column[c] = (byte) columns++;
                    }
                }
            }
            if (foldCase) {
                for (int c = 'A'; c <= 'Z'; c++) {
                    column[c] = column[c + 32];
                }
            }
            if (columns > 127) {
                return new AhoCorasick(flagOutputs(next, outputs), identityColumns(), 7, wide, fail, outputs,
                        lengths, foldCase);
            }
            int shift = 32 - Integer.numberOfLeadingZeros(columns - 1);
            int width = 1 << shift;
            int[] narrow = new int[states * width];
            for (int c = 0; c < 128; c++) {
                for (int st = 0; st < states; st++) {
                    narrow[(st << shift) | column[c]] = next[(st << 7) | c];
                }
            }
            return new AhoCorasick(flagOutputs(narrow, outputs), column, shift, wide, fail, outputs, lengths,
                    foldCase);
        }

        /** Marks each transition into a state where patterns end (sign bit), so the search reads one array per char. */
        private static int[] flagOutputs(int[] table, int[][] outputs) {
            for (int i = 0; i < table.length; i++) {
                if (outputs[table[i]] != null) {
                    table[i] |= Integer.MIN_VALUE;
                }
            }
            return table;
        }

        private static byte[] identityColumns() {
            byte[] b = new byte[128];
            for (int c = 0; c < 128; c++) {
                b[c] = (byte) c;
            }
            return b;
        }

    }
}
