package dev.hush.detect.rules;

import dev.hush.detect.AhoCorasick;
import dev.hush.detect.AhoCorasickTrie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule engine's keyword and required-literal automaton: the same case-insensitive Aho–Corasick search as
 * {@link AhoCorasick#caseInsensitiveBuilder()} (the same hits, in the same order: by end, then in the order of
 * each state's output list), with a table built for the cache rather than for generality:
 * <ul>
 * <li><b>byte classes</b>: ASCII chars whose transitions are equal in every state share one column (every char
 *     no pattern uses, and each upper-case letter with its lower-case twin, at least), and the row is exactly as
 *     wide as the number of classes, not rounded up to a power of two;</li>
 * <li><b>16-bit entries</b> ({@code char}, bit 15 = a pattern ends in the next state) while the states fit in 15
 *     bits, {@code int} (sign bit) beyond;</li>
 * <li><b>states numbered breadth first</b>, so the root and the shallow states that text mostly visits lie in
 *     the first rows, together, and the deep rows are touched only when a text holds a long prefix of a pattern.</li>
 * </ul>
 * Non-ASCII chars follow the trie's sparse edges and failure links, as in {@link AhoCorasick}. Immutable and
 * thread-safe once built; the patterns must be given in lower case.
 */
final class KeywordAutomaton {
    /** Texts at least this long are walked as two interleaved halves. */
    private static final int TWO_CHAINS_MIN = 1024;

    /**
     * Per (state * width + class), for the first {@link #dense} states: next state | 0x8000 where patterns end;
     * null when {@link #wide} is used.
     */
    private final char[] narrow;
    /**
     * States below this have a row in {@link #narrow}: those at most {@link #DENSE_DEPTH} chars deep (states are
     * numbered breadth first). A deeper state keeps only its trie edges ({@link #edgeStart}, {@link #edgeClass},
     * {@link #edgeTo}) and its failure link, and steps as Aho–Corasick's goto function does: its edge for the
     * class, else the step of its failure state. That is the same next state its full row held, in a fraction of
     * the bytes (the built-in catalogue: 2.9 MB of rows, 89% of them for states deeper than 3).
     */
    private final int dense;
    /** Per deep state (minus {@link #dense}): its first edge; one more entry at the end. */
    private final int[] edgeStart;
    private final byte[] edgeClass;
    /** The edge's child | 0x8000 where patterns end. */
    private final char[] edgeTo;
    /** Rows are kept for states at most this deep (see {@link #dense}). */
    static final int DENSE_DEPTH = 3;
    /** The same with int entries (sign bit), for more than 32,767 states; null otherwise. */
    private final int[] wide;
    private final int width;
    /** ASCII char -> class (column). */
    private final byte[] column;
    private final Map<Long, Integer> wideEdges; // (state << 32 | c) -> child, non-ASCII trie edges only
    private final int[] fail;
    private final int[][] outputs;
    private final int[] patternLength;
    private final int longestPattern;
    private final int states;

    private KeywordAutomaton(char[] narrow, int[] wide, int width, byte[] column, Map<Long, Integer> wideEdges,
            int[] fail, int[][] outputs, int[] patternLength, int dense, int[] edgeStart, byte[] edgeClass,
            char[] edgeTo) {
        this.narrow = narrow;
        this.dense = dense;
        this.edgeStart = edgeStart;
        this.edgeClass = edgeClass;
        this.edgeTo = edgeTo;
        this.wide = wide;
        this.width = width;
        this.column = column;
        this.wideEdges = wideEdges;
        this.fail = fail;
        this.outputs = outputs;
        this.patternLength = patternLength;
        this.states = fail.length;
        int longest = 0;
        for (int len : patternLength) {
            longest = Math.max(longest, len);
        }
        this.longestPattern = longest;
    }

    int stateCount() {
        return states;
    }

    /** Columns per row (byte classes). */
    int width() {
        return width;
    }

    /** Bytes of the transition table (the dense rows and the deep states' edges). */
    long tableBytes() {
        return narrow != null ? 2L * narrow.length + 4L * edgeStart.length + 3L * edgeTo.length : 4L * wide.length;
    }

    /** States with a full row (all of them in the int table). */
    int denseStates() {
        return narrow != null ? dense : states;
    }

    /** The entry (next state | 0x8000 where patterns end) of a state without a row, for ASCII class {@code cls}. */
    private int deepEntry(int state, int cls) {
        final int d = dense;
        int s = state;
        do {
            int k = s - d;
            for (int j = edgeStart[k], end = edgeStart[k + 1]; j < end; j++) {
                if (edgeClass[j] == cls) {
                    return edgeTo[j];
                }
            }
            s = fail[s];
        } while (s >= d);
        return narrow[s * width + cls];
    }

    /** Calls {@code handler} for every occurrence of every pattern, in order of end position. */
    void search(String text, AhoCorasick.MatchHandler handler) {
        search(text, handler, TWO_CHAINS_MIN);
    }

    /** As {@link #search(String, AhoCorasick.MatchHandler)}, with texts from {@code twoChainsMin} chars walked as two halves. */
    void search(String text, AhoCorasick.MatchHandler handler, int twoChainsMin) {
        if (narrow != null) {
            searchNarrow(text, handler, twoChainsMin);
        } else {
            searchWide(text, handler);
        }
    }

    private void searchNarrow(String text, AhoCorasick.MatchHandler handler, int twoChainsMin) {
        final char[] t = narrow;
        final byte[] col = column;
        final int w = width;
        final int d = dense;
        int to = text.length();
        if (to < twoChainsMin) {
            int state = 0;
            for (int i = 0; i < to; i++) {
                char c = text.charAt(i);
                int e = c >= 128 ? wideEntry(state, c) : state < d ? t[state * w + col[c]] : deepEntry(state, col[c]);
                state = e & 0x7FFF;
                if (e >= 0x8000) {
                    report(state, i, handler);
                }
            }
            return;
        }
        // Two independent walks, the first half and the second, interleaved (see AhoCorasick.search): the
        // second starts from the root longestPattern chars before its half, so its states are exact from there;
        // its hits wait until the first half's are reported, to keep the order of end positions.
        int mid = to / 2;
        int a = 0;
        int b = 0;
        for (int k = Math.max(0, mid - longestPattern); k < mid; k++) {
            char c = text.charAt(k);
            b = (c >= 128 ? wideEntry(b, c) : b < d ? t[b * w + col[c]] : deepEntry(b, col[c])) & 0x7FFF;
        }
        int[] held = null;
        int heldCount = 0;
        int k = mid;
        for (int i = 0; i < mid; i++, k++) {
            char ca = text.charAt(i);
            char cb = text.charAt(k);
            int ea = ca >= 128 ? wideEntry(a, ca) : a < d ? t[a * w + col[ca]] : deepEntry(a, col[ca]);
            int eb = cb >= 128 ? wideEntry(b, cb) : b < d ? t[b * w + col[cb]] : deepEntry(b, col[cb]);
            a = ea & 0x7FFF;
            b = eb & 0x7FFF;
            if (ea >= 0x8000) {
                report(a, i, handler);
            }
            if (eb >= 0x8000) {
                if (held == null) {
                    held = new int[16];
                } else if (heldCount == held.length) {
                    held = Arrays.copyOf(held, heldCount * 2);
                }
                held[heldCount++] = b;
                held[heldCount++] = k;
            }
        }
        for (int h = 0; h < heldCount; h += 2) {
            report(held[h], held[h + 1], handler);
        }
        for (; k < to; k++) {
            char c = text.charAt(k);
            int e = c >= 128 ? wideEntry(b, c) : b < d ? t[b * w + col[c]] : deepEntry(b, col[c]);
            b = e & 0x7FFF;
            if (e >= 0x8000) {
                report(b, k, handler);
            }
        }
    }

    private void searchWide(String text, AhoCorasick.MatchHandler handler) {
        final int[] t = wide;
        final byte[] col = column;
        final int w = width;
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int e = c < 128 ? t[state * w + col[c]] : wideEntry(state, c);
            state = e & Integer.MAX_VALUE;
            if (e < 0) {
                report(state, i, handler);
            }
        }
    }

    /** The entry for a non-ASCII char, flagged as the table's entries are (bit 15, or the sign bit when wide). */
    private int wideEntry(int state, char c) {
        int s = wideStep(state, c);
        if (outputs[s] == null) {
            return s;
        }
        return narrow != null ? s | 0x8000 : s | Integer.MIN_VALUE;
    }

    private int wideStep(int state, char c) {
        return AhoCorasickTrie.wideStep(wideEdges, fail, state, Character.toLowerCase(c));
    }

    private void report(int state, int i, AhoCorasick.MatchHandler handler) {
        for (int id : outputs[state]) {
            handler.onMatch(id, i + 1 - patternLength[id], i + 1);
        }
    }

    /** Builds the automaton of {@code patterns} (lower case, non-empty); ids are list positions. */
    static KeywordAutomaton of(List<String> patterns) {
        return of(patterns, false);
    }

    /** As {@link #of(List)}; {@code forceWide} builds int entries whatever the state count (for tests). */
    static KeywordAutomaton of(List<String> patterns, boolean forceWide) {
        return of(patterns, forceWide, DENSE_DEPTH);
    }

    /**
     * As {@link #of(List, boolean)}, with rows for the states at most {@code denseDepth} chars deep
     * ({@code Integer.MAX_VALUE}: a row for every state, the table before the fifteenth round; for tests and probes).
     */
    static KeywordAutomaton of(List<String> patterns, boolean forceWide, int denseDepth) {
        AhoCorasickTrie trie = AhoCorasickTrie.build(patterns, true);
        int n = trie.states;
        int[] next = trie.next;
        int[] fail = trie.fail;
        int[] order = trie.bfsOrder;
        int[] lengths = trie.patternLength;
        // renumber breadth first
        int[] newId = new int[n];
        for (int i = 0; i < n; i++) {
            newId[order[i]] = i;
        }
        int[] fail2 = new int[n];
        int[][] outputs = new int[n][];
        for (int s = 0; s < n; s++) {
            fail2[newId[s]] = newId[fail[s]];
            outputs[newId[s]] = trie.outputs[s];
        }
        Map<Long, Integer> edges = new HashMap<>();
        for (Map.Entry<Long, Integer> e : trie.wideEdges.entrySet()) {
            int parent = (int) (e.getKey() >>> 32);
            edges.put(((long) newId[parent] << 32) | (e.getKey() & 0xFFFFFFFFL), newId[e.getValue()]);
        }
        // byte classes: chars whose columns are equal in every state share one
        byte[] column = new byte[128];
        Map<Integer, List<Integer>> byHash = new HashMap<>();
        List<int[]> classColumns = new ArrayList<>();
        List<Integer> representative = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            int[] colBuf = new int[n];
            for (int s = 0; s < n; s++) {
                colBuf[newId[s]] = newId[next[(s << 7) | c]];
            }
            List<Integer> bucket = byHash.computeIfAbsent(Arrays.hashCode(colBuf), x -> new ArrayList<>());
            int cls = -1;
            for (int candidate : bucket) {
                if (Arrays.equals(classColumns.get(candidate), colBuf)) {
                    cls = candidate;
                    break;
                }
            }
            if (cls < 0) {
                cls = representative.size();
                bucket.add(cls);
                classColumns.add(colBuf);
                representative.add(c);
            }
            column[c] = (byte) cls;
        }
        int width = representative.size();
        boolean narrowFits = !forceWide && n <= 0x7FFF;
        // each state's depth (its string's length): a pattern's own chars lead from the root along its trie path
        int[] depth = new int[n]; // by new id
        for (String p : patterns) {
            int st = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                st = c < 128 ? next[(st << 7) | c] : trie.wideEdges.get(((long) st << 32) | c);
                depth[newId[st]] = k + 1;
            }
        }
        int dense = n;
        if (narrowFits) {
            dense = 0;
            while (dense < n && depth[dense] <= denseDepth) {
                dense++; // breadth first: the shallow states are the first ids
            }
        }
        int[] edgeStart = new int[narrowFits ? n - dense + 1 : 0];
        List<int[]> edgeList = new ArrayList<>();
        char[] narrow = narrowFits ? new char[dense * width] : null;
        int[] wide = narrowFits ? null : new int[n * width];
        int[] oldId = order; // bfs position -> trie id
        for (int ns = dense; ns < n && narrowFits; ns++) {
            // a deep state's trie edges: the classes whose next state is one char deeper (that string itself)
            edgeStart[ns - dense] = edgeList.size();
            for (int cls = 0; cls < width; cls++) {
                int to = newId[next[(oldId[ns] << 7) | representative.get(cls)]];
                if (depth[to] == depth[ns] + 1) {
                    edgeList.add(new int[] {cls, outputs[to] != null ? to | 0x8000 : to});
                }
            }
        }
        if (narrowFits) {
            edgeStart[n - dense] = edgeList.size();
        }
        byte[] edgeClass = new byte[edgeList.size()];
        char[] edgeTo = new char[edgeList.size()];
        for (int j = 0; j < edgeClass.length; j++) {
            edgeClass[j] = (byte) edgeList.get(j)[0];
            edgeTo[j] = (char) edgeList.get(j)[1];
        }
        for (int s = 0; s < n; s++) {
            int ns = newId[s];
            if (narrowFits && ns >= dense) {
                continue;
            }
            for (int cls = 0; cls < width; cls++) {
                int to = newId[next[(s << 7) | representative.get(cls)]];
                boolean ends = outputs[to] != null;
                if (narrowFits) {
                    narrow[ns * width + cls] = (char) (ends ? to | 0x8000 : to);
                } else {
                    wide[ns * width + cls] = ends ? to | Integer.MIN_VALUE : to;
                }
            }
        }
        return new KeywordAutomaton(narrow, wide, width, column, Map.copyOf(edges), fail2, outputs, lengths, dense,
                edgeStart, edgeClass, edgeTo);
    }
}
