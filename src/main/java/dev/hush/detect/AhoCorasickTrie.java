package dev.hush.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The construction both Aho–Corasick searches share ({@link AhoCorasick} and the rule engine's keyword automaton):
 * the trie in insertion order, failure links and merged outputs in breadth-first order, and the dense, fully
 * resolved ASCII transition table (128 columns per state). Each search then packs this into its own table.
 * States keep their trie numbers; {@link #bfsOrder} lists them breadth first (ASCII children by char, then
 * non-ASCII children by char) for a search that renumbers them.
 */
public final class AhoCorasickTrie {
    /** Number of states; state 0 is the root. */
    public final int states;
    /** (state << 7 | c) -> next state for every ASCII c; upper-case letters fold to lower case when asked. */
    public final int[] next;
    public final int[] fail;
    /** state -> ids of the patterns ending there, suffixes included; null where none ends. */
    public final int[][] outputs;
    /** (state << 32 | c) -> child, the non-ASCII trie edges only. */
    public final Map<Long, Integer> wideEdges;
    public final int[] bfsOrder;
    public final int[] patternLength;

    private AhoCorasickTrie(int states, int[] next, int[] fail, int[][] outputs, Map<Long, Integer> wideEdges,
            int[] bfsOrder, int[] patternLength) {
        this.states = states;
        this.next = next;
        this.fail = fail;
        this.outputs = outputs;
        this.wideEdges = wideEdges;
        this.bfsOrder = bfsOrder;
        this.patternLength = patternLength;
    }

    /** Builds the trie of {@code patterns} (non-empty; lower case when {@code foldCase}); ids are list positions. */
    public static AhoCorasickTrie build(List<String> patterns, boolean foldCase) {
        List<int[]> ascii = new ArrayList<>(); // per state, 128 children (-1 none)
        Map<Long, Integer> wide = new HashMap<>();
        List<List<Integer>> out = new ArrayList<>();
        ascii.add(newRow());
        out.add(null);
        int[] lengths = new int[patterns.size()];
        for (int id = 0; id < patterns.size(); id++) {
            String p = patterns.get(id);
            if (p == null || p.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            lengths[id] = p.length();
            int s = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                int child;
                if (c < 128) {
                    child = ascii.get(s)[c];
                } else {
                    Integer w = wide.get(((long) s << 32) | c);
                    child = w == null ? -1 : w;
                }
                if (child < 0) {
                    child = ascii.size();
                    ascii.add(newRow());
                    out.add(null);
                    if (c < 128) {
                        ascii.get(s)[c] = child;
                    } else {
                        wide.put(((long) s << 32) | c, child);
                    }
                }
                s = child;
            }
            if (out.get(s) == null) {
                out.set(s, new ArrayList<>());
            }
            out.get(s).add(id);
        }
        int n = ascii.size();
        // non-ASCII children per parent, by char, so the breadth-first order is the same on every build
        Map<Integer, List<long[]>> wideChildren = new HashMap<>();
        for (Map.Entry<Long, Integer> e : wide.entrySet()) {
            wideChildren.computeIfAbsent((int) (e.getKey() >>> 32), x -> new ArrayList<>())
                    .add(new long[] {e.getKey() & 0xFFFFFFFFL, e.getValue()});
        }
        for (List<long[]> l : wideChildren.values()) {
            l.sort((x, y) -> Long.compare(x[0], y[0]));
        }
        int[] fail = new int[n];
        int[] next = new int[n * 128];
        int[] order = new int[n];
        int ordered = 0;
        order[ordered++] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] root = ascii.get(0);
        for (int c = 0; c < 128; c++) {
            if (root[c] > 0) {
                next[c] = root[c];
                queue.add(root[c]);
            }
        }
        for (long[] wc : wideChildren.getOrDefault(0, List.of())) {
            queue.add((int) wc[1]);
        }
        // a state's failure link is shallower, so its outputs are complete when the state is reached
        while (!queue.isEmpty()) {
            int s = queue.poll();
            order[ordered++] = s;
            int[] row = ascii.get(s);
            List<Integer> sOut = out.get(s);
            List<Integer> failOut = out.get(fail[s]);
            if (failOut != null) {
                if (sOut == null) {
                    sOut = new ArrayList<>();
                    out.set(s, sOut);
                }
                for (int id : failOut) {
                    if (!sOut.contains(id)) {
                        sOut.add(id);
                    }
                }
            }
            for (int c = 0; c < 128; c++) {
                int child = row[c];
                if (child > 0) {
                    fail[child] = next[(fail[s] << 7) | c];
                    next[(s << 7) | c] = child;
                    queue.add(child);
                } else {
                    next[(s << 7) | c] = next[(fail[s] << 7) | c];
                }
            }
            for (long[] wc : wideChildren.getOrDefault(s, List.of())) {
                int child = (int) wc[1];
                fail[child] = wideStep(wide, fail, fail[s], (char) wc[0]);
                queue.add(child);
            }
        }
        if (foldCase) {
            // an upper-case ASCII letter moves exactly like its lower-case twin
            for (int st = 0; st < n; st++) {
                for (int c = 'A'; c <= 'Z'; c++) {
                    next[(st << 7) | c] = next[(st << 7) | (c + 32)];
                }
            }
        }
        int[][] outputs = new int[n][];
        for (int s = 0; s < n; s++) {
            List<Integer> o = out.get(s);
            if (o != null && !o.isEmpty()) {
                outputs[s] = o.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        return new AhoCorasickTrie(n, next, fail, outputs, Map.copyOf(wide), order, lengths);
    }

    /** The state after {@code c} (non-ASCII, already case-folded if need be) from {@code state}, over trie edges and failure links. */
    public static int wideStep(Map<Long, Integer> wideEdges, int[] fail, int state, char c) {
        while (true) {
            Integer child = wideEdges.get(((long) state << 32) | c);
            if (child != null) {
                return child;
            }
            if (state == 0) {
                return 0;
            }
            state = fail[state];
        }
    }

    private static int[] newRow() {
        int[] r = new int[128];
        Arrays.fill(r, -1);
        return r;
    }
}
